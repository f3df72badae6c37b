package dev.ferry.api.v1alpha1;

/** What to do when a table to create already exists on the target. */
public enum ConflictPolicy {
  /** The precheck reports every existing table and the task does not start. */
  Fail,
  /** Skip the check and proceed. Existing rows with the same key are kept during the full load and overwritten by incremental changes. */
  Ignore
}
