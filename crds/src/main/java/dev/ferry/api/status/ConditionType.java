package dev.ferry.api.status;

import dev.ferry.api.v1alpha1.Phase;
import java.util.Optional;

/**
 * The condition types of a MigrationTask: kstatus' {@code Ready}, {@code Reconciling} and
 * {@code Stalled}, and milestones that stay True once reached.
 */
public enum ConditionType {
  Ready,
  Reconciling,
  Stalled,
  PrecheckPassed,
  SchemaMigrated,
  FullLoadComplete,
  CaughtUp,
  Validated,
  BinlogAtRisk;

  /** The milestone a phase reaches when it succeeds, if any. */
  public static Optional<ConditionType> milestoneOf(Phase phase) {
    return switch (phase) {
      case Precheck -> Optional.of(PrecheckPassed);
      case Schema -> Optional.of(SchemaMigrated);
      case FullLoad -> Optional.of(FullLoadComplete);
      case Validation -> Optional.of(Validated);
      default -> Optional.empty();
    };
  }
}
