package dev.ferry.api.plan;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.PhaseOutcome;
import dev.ferry.api.v1alpha1.PhaseRecord;
import dev.ferry.api.v1alpha1.RetryStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;

/** Builds tasks for the plan tests. */
final class Tasks {

  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  private Tasks() {}

  /** A task of {@code mode} with default settings, generation 1, observed, nothing run yet. */
  static MigrationTask task(Mode mode) {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(mode);
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withName("t").withGeneration(1L).build());
    task.setSpec(spec);
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setObservedGeneration(1L);
    task.setStatus(status);
    return task;
  }

  /** Marks {@code phases} as succeeded in the task's status. */
  static void succeed(MigrationTask task, List<Phase> phases) {
    phases.forEach(phase -> task.getStatus().getPhases().add(record(phase, PhaseOutcome.Succeeded)));
  }

  static PhaseRecord record(Phase phase, PhaseOutcome outcome) {
    PhaseRecord record = new PhaseRecord();
    record.setPhase(phase);
    record.setOutcome(outcome);
    return record;
  }

  /** A retry of {@code phase} after {@code attempt} failures, next attempt at {@code next}. */
  static RetryStatus retry(Phase phase, int attempt, Instant next, String lastError) {
    RetryStatus retry = new RetryStatus();
    retry.setPhase(phase);
    retry.setAttempt(attempt);
    retry.setNextAttemptAt(next == null ? null : next.toString());
    retry.setLastError(lastError);
    return retry;
  }
}
