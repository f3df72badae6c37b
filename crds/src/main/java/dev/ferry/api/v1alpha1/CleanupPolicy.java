package dev.ferry.api.v1alpha1;

/**
 * What happens to the state a task keeps on its target (the ledgers of the meta schema
 * {@code ferry_meta}, keyed by the task's run) when the task is deleted.
 */
public enum CleanupPolicy {
  /** The operator removes that run's state from the target before the task goes (default). */
  Delete,
  /** The state stays on the target; {@code ferry cleanup} can list and remove it later. */
  Keep
}
