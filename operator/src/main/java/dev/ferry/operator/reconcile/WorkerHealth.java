package dev.ferry.operator.reconcile;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.ChunkMismatch;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.ValidationStage;
import dev.ferry.api.v1alpha1.ValidationStatus;
import dev.ferry.operator.status.TaskEvents;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.Optional;

/**
 * Conditions about the health of a running task that the operator reads from what others
 * report: {@code BinlogAtRisk} from the worker's {@code status.replication.binlogAtRisk},
 * {@code Validated} from the validation passes the worker makes while replicating, and
 * {@code Stalled} (reason {@link #CANNOT_START}) from worker pods Kubernetes cannot start.
 * Each turns True with a Warning event, and back to False when the cause is gone.
 */
final class WorkerHealth {

  /** Stalled reason of a worker pod that cannot start. */
  static final String CANNOT_START = "WorkerCannotStart";

  private final TaskEvents events;

  WorkerHealth(TaskEvents events) {
    this.events = events;
  }

  /** Mirrors {@code status.replication.binlogAtRisk} into the BinlogAtRisk condition. */
  void binlogRetention(ReconcileStep step) {
    MigrationTaskStatus status = step.status();
    String risk = status.getReplication() == null ? null
        : status.getReplication().getBinlogAtRisk();
    Optional<Condition> current = Conditions.find(status, ConditionType.BinlogAtRisk);
    if (risk != null) {
      boolean known = current.map(c -> "True".equals(c.getStatus()) && risk.equals(
          c.getMessage())).orElse(false);
      step.condition(ConditionType.BinlogAtRisk, true, "BinlogRetention", risk);
      if (!known) {
        events.record(step.task(), TaskEvents.WARNING, "BinlogAtRisk", risk);
      }
    } else if (current.isPresent()) {
      step.condition(ConditionType.BinlogAtRisk, false, "BinlogRetained",
          "every source checkpoint is in a binlog file the source keeps");
    }
  }

  /**
   * Mirrors the last validation pass made while replicating ({@code status.validation} with
   * stage Continuous, or AfterFullLoad in the Incremental phase) into the Validated condition; a
   * pass that found differences raises a Warning event naming the first differing chunks.
   */
  void replicatingValidation(ReconcileStep step) {
    MigrationTaskStatus status = step.status();
    ValidationStatus validation = status.getValidation();
    if (status.getPhase() != Phase.Incremental || validation == null
        || validation.getCompletedAt() == null || validation.getPassed() == null
        || validation.getStage() == ValidationStage.AtCutover) {
      return;
    }
    String message = describe(validation);
    boolean known = Conditions.find(status, ConditionType.Validated)
        .map(c -> message.equals(c.getMessage())).orElse(false);
    boolean passed = validation.getPassed();
    step.condition(ConditionType.Validated, passed, passed ? "PassMatched" : "DifferencesFound",
        message);
    if (!known && !passed) {
      events.record(step.task(), TaskEvents.WARNING, "DifferencesFound", message);
    }
  }

  private static String describe(ValidationStatus validation) {
    String pass = "validation pass " + (validation.getPasses() == null ? 1
        : validation.getPasses()) + " (" + validation.getStage() + ", completed "
        + validation.getCompletedAt() + "): ";
    if (validation.getPassed()) {
      return pass + validation.getChunksMatched() + " chunks of " + validation.getTablesChecked()
          + " tables match";
    }
    StringBuilder text = new StringBuilder(pass).append(validation.getChunksMismatched())
        .append(" chunks differ");
    for (ChunkMismatch mismatch : validation.getMismatches().stream().limit(3).toList()) {
      text.append("; ").append(mismatch.getTable()).append(" keys ")
          .append(String.join(", ", mismatch.getKeys().stream().limit(5).toList()));
    }
    return text.toString();
  }

  /**
   * Sets Stalled when a pod of the running attempt cannot start, or clears a Stalled of that
   * kind when none is stuck.
   */
  void workerStart(ReconcileStep step, Collection<Pod> pods) {
    MigrationTaskStatus status = step.status();
    Optional<WorkerStartProblem> problem = status.getWorker() == null ? Optional.empty()
        : WorkerStartProblem.of(pods, status.getWorker().getPods());
    if (problem.isEmpty()) {
      clearCannotStart(step);
      return;
    }
    String message = problem.get().message();
    boolean known = Conditions.find(status, ConditionType.Stalled)
        .map(c -> "True".equals(c.getStatus()) && message.equals(c.getMessage()))
        .orElse(false);
    step.condition(ConditionType.Stalled, true, CANNOT_START, message);
    if (!known) {
      events.record(step.task(), TaskEvents.WARNING, CANNOT_START, message);
    }
  }

  /** Clears a Stalled condition set because a worker pod could not start. */
  void clearCannotStart(ReconcileStep step) {
    Conditions.find(step.status(), ConditionType.Stalled)
        .filter(c -> "True".equals(c.getStatus()) && CANNOT_START.equals(c.getReason()))
        .ifPresent(c -> step.condition(ConditionType.Stalled, false, "WorkerStarted", ""));
  }
}
