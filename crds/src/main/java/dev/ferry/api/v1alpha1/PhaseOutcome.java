package dev.ferry.api.v1alpha1;

/** How a phase attempt ended. */
public enum PhaseOutcome {
  /** Still running. */
  Running,
  /** Completed successfully. */
  Succeeded,
  /** Failed (see retry). */
  Failed
}
