package dev.ferry.operator.reconcile;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import java.time.Instant;

/**
 * What one reconcile works on: the task, the status it is building (written once at the end),
 * the time and the spec generation it acts on.
 */
record ReconcileStep(MigrationTask task, MigrationTaskStatus status, Instant now,
    Long generation) {

  /**
   * Sets a condition of the status, for this generation, now. Reconciling and Stalled are never
   * True together (kstatus reads that as contradictory): making one True makes the other False.
   */
  void condition(ConditionType type, boolean value, String reason, String message) {
    Conditions.set(status, type, value, reason, message, generation, now);
    ConditionType opposite = type == ConditionType.Reconciling ? ConditionType.Stalled
        : type == ConditionType.Stalled ? ConditionType.Reconciling : null;
    if (value && opposite != null && Conditions.isTrue(status, opposite)) {
      Conditions.set(status, opposite, false, reason, message, generation, now);
    }
  }

  /** The task with the status being built. */
  MigrationTask withStatus() {
    MigrationTask copy = new MigrationTask();
    copy.setMetadata(task.getMetadata());
    copy.setSpec(task.getSpec());
    copy.setStatus(status);
    return copy;
  }

  /** namespace/name, for logs. */
  String name() {
    return task.getMetadata().getNamespace() + "/" + task.getMetadata().getName();
  }
}
