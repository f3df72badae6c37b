package dev.ferry.worker.cdc;

/** The kind of a row change. */
public enum RowOperation {
  INSERT,
  UPDATE,
  DELETE
}
