package dev.ferry.api.v1alpha1;

/** What to do with schema changes read from the binlog. */
public enum DdlPolicy {
  /** Apply them to the target in binlog order (with renames). */
  Apply,
  /** Skip them; the target schema stays as it is. */
  Ignore,
  /** Fail the task with a clear error so an operator can decide. */
  Stop
}
