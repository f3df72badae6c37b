package dev.ferry.api.v1alpha1;

/** Where a task stands. The work phases run in worker pods; the others are states. */
public enum Phase {
  /** Accepted, no phase started yet. */
  Pending,
  /** Checking sources, target and settings. */
  Precheck,
  /** Creating schemas, tables and other objects on the target. */
  Schema,
  /** Copying the existing data. */
  FullLoad,
  /** Replicating changes from the binlog (until cutover completes). */
  Incremental,
  /** Comparing source and target data. */
  Validation,
  /**
   * Replicating changes from the new target back to the old source after the cutover
   * (spec.cutover.reverse); the migration itself is complete.
   */
  Reverse,
  /** Done: the target holds the data; nothing runs any more. */
  Completed,
  /** Stopped after a fatal error or after the retry window ran out. */
  Failed,
  /** Paused by spec.suspend; resumes from the checkpoint when unsuspended. */
  Suspended
}
