package dev.ferry.api.v1alpha1;

/**
 * What the incremental apply does when the target disagrees with a row change outside the stretch
 * where changes are replayed idempotently: an INSERT whose key (or another unique value) the
 * target already holds, an UPDATE or DELETE that finds no row, or an affected-row count that
 * differs from the source's.
 */
public enum RowConflictPolicy {
  /** Stop the task (class Fatal) naming the table, the key, the binlog position and the remedy. */
  Fail,
  /**
   * Make the target row the source's: REPLACE the row of an INSERT or UPDATE (inserting a
   * missing one); a DELETE that finds nothing has nothing to do. Counted and logged.
   */
  Overwrite,
  /** Leave the target's row as it is and go on. Counted and logged. */
  Skip
}
