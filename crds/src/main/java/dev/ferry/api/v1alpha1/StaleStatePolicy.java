package dev.ferry.api.v1alpha1;

/**
 * What the precheck does when the target holds state of another run of the same task name (a
 * task deleted and applied again, or a manifest run again after its state file was removed).
 */
public enum StaleStatePolicy {
  /** The new run ignores the stale state and copies everything again; a Warn item says so. */
  StartOver,
  /** The precheck fails, naming the stale state and how to clear it. */
  Refuse
}
