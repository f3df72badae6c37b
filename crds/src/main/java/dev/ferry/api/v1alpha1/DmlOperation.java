package dev.ferry.api.v1alpha1;

/** A row change replicated from the binlog. */
public enum DmlOperation {
  /** INSERT of new rows. */
  Insert,
  /** UPDATE of existing rows. */
  Update,
  /** DELETE of rows. */
  Delete
}
