package dev.ferry.api.v1alpha1;

/** What a task migrates: existing data, ongoing changes, or both. */
public enum Mode {
  /** Schema (when enabled) and a one-time copy of the existing data, then validation. */
  Full,
  /** Only the changes from the binlog, from a start position (or now), until cutover. */
  Incremental,
  /** Schema, full copy, then the changes made since the copy began, until cutover. */
  All
}
