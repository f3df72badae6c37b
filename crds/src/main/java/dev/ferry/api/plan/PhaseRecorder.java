package dev.ferry.api.plan;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.PhaseOutcome;
import dev.ferry.api.v1alpha1.PhaseRecord;
import java.time.Instant;

/**
 * Records phase transitions in {@code status.phases}, changing the given status in place. The
 * list holds at most one record per phase, in the order the phases first started; a retried
 * phase keeps its record and its first start time.
 */
public final class PhaseRecorder {

  private PhaseRecorder() {}

  /** {@code phase} started (or restarted): Running, first start time kept. */
  public static void started(MigrationTaskStatus status, Phase phase, Instant now) {
    PhaseRecord record = recordOf(status, phase);
    record.setOutcome(PhaseOutcome.Running);
    if (record.getStartedAt() == null) {
      record.setStartedAt(now.toString());
    }
    record.setCompletedAt(null);
  }

  /** {@code phase} succeeded: Succeeded at {@code now}; the failure streak, if any, is over. */
  public static void succeeded(MigrationTaskStatus status, Phase phase, Instant now) {
    PhaseRecord record = recordOf(status, phase);
    record.setOutcome(PhaseOutcome.Succeeded);
    record.setCompletedAt(now.toString());
    status.setRetry(null);
  }

  /** {@code phase} failed (whether it is retried is {@code status.retry}'s business). */
  public static void failed(MigrationTaskStatus status, Phase phase) {
    PhaseRecord record = recordOf(status, phase);
    record.setOutcome(PhaseOutcome.Failed);
    record.setCompletedAt(null);
  }

  /** The record of {@code phase}, appended if there is none yet. */
  private static PhaseRecord recordOf(MigrationTaskStatus status, Phase phase) {
    return status.getPhases().stream()
        .filter(record -> record.getPhase() == phase)
        .findFirst()
        .orElseGet(() -> {
          PhaseRecord record = new PhaseRecord();
          record.setPhase(phase);
          status.getPhases().add(record);
          return record;
        });
  }
}
