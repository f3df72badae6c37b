package dev.ferry.api.status;

import dev.ferry.api.v1alpha1.Phase;

/**
 * The {@code Ready} condition while a work phase runs: False while the migration is in progress,
 * True once the incremental phase replicates as intended (its worker reports the lag, and the
 * binlog it reads is not at risk), and True in phase Reverse, where the cutover is complete and
 * only the rollback stream from the new target back to the old source runs. So kstatus (Flux)
 * reads a replicating task as Current rather than InProgress for the weeks it may replicate.
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

  /** Ready while the incremental phase runs with {@code lagSeconds} reported (null: not yet). */
  public static Readiness whileReplicating(Long lagSeconds, boolean binlogAtRisk) {
    if (lagSeconds == null) {
      return whileRunning(Phase.Incremental);
    }
    if (binlogAtRisk) {
      return new Readiness(false, "BinlogAtRisk", "replicating with lag " + lagSeconds + "s, but"
          + " the source may purge the binlog before it is read (see condition BinlogAtRisk)");
    }
    return new Readiness(true, "Replicating", "replicating as intended, lag " + lagSeconds + "s");
  }
}
