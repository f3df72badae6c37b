package dev.ferry.api.status;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Objects;

/**
 * How kstatus (sigs.k8s.io/cli-utils, used by Flux's health checks and kpt) reads a
 * MigrationTask, so the conditions the operator writes can be checked against it: a generation
 * not yet observed is InProgress; {@code Reconciling=True} is InProgress; {@code Stalled=True}
 * is Failed; then a {@code Ready} condition decides (True: Current, otherwise InProgress, the
 * convention Flux applies to custom resources); without one the resource is Current.
 */
public enum Kstatus {
  /** Reconciled: a GitOps tool waiting for the task stops waiting. */
  Current,
  /** Still being reconciled. */
  InProgress,
  /** The controller cannot make progress without a change. */
  Failed;

  /** The status kstatus computes for a task of {@code generation} with {@code status}. */
  public static Kstatus read(Long generation, MigrationTaskStatus status) {
    if (status == null) {
      return Current;
    }
    if (status.getObservedGeneration() != null
        && !Objects.equals(status.getObservedGeneration(), generation)) {
      return InProgress;
    }
    if (isTrue(status, ConditionType.Reconciling)) {
      return InProgress;
    }
    if (isTrue(status, ConditionType.Stalled)) {
      return Failed;
    }
    return Conditions.find(status, ConditionType.Ready)
        .map(ready -> "True".equals(ready.getStatus()) ? Current : InProgress)
        .orElse(Current);
  }

  private static boolean isTrue(MigrationTaskStatus status, ConditionType type) {
    return Conditions.find(status, type).map(Condition::getStatus).filter("True"::equals)
        .isPresent();
  }
}
