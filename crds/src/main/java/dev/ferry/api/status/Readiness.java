package dev.ferry.api.status;

import dev.ferry.api.v1alpha1.Phase;

/**
 * The {@code Ready} condition while a work phase runs: False while the migration is in progress,
 * True in phase Reverse, where the cutover is complete and only the rollback stream from the new
 * target back to the old source runs.
 */
public record Readiness(boolean ready, String reason, String message) {

  /** Reason of Ready=True while the reverse stream runs. */
  public static final String CUTOVER_COMPLETE = "CutoverComplete";

  /** Ready while {@code phase} runs. */
  public static Readiness whileRunning(Phase phase) {
    if (phase == Phase.Reverse) {
      return new Readiness(true, CUTOVER_COMPLETE, "the cutover is complete; the reverse stream"
          + " replicates the new target's changes back to the old source until"
          + " spec.cutover.reverse is false");
    }
    return new Readiness(false, phase.name(), "migration in progress");
  }
}
