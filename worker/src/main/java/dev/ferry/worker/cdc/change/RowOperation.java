package dev.ferry.worker.cdc.change;

/** The kind of a row change. */
public enum RowOperation {
  INSERT,
  UPDATE,
  DELETE
}
