package dev.ferry.api.plan;

import static dev.ferry.api.v1alpha1.Phase.FullLoad;
import static dev.ferry.api.v1alpha1.Phase.Incremental;
import static dev.ferry.api.v1alpha1.Phase.Precheck;
import static dev.ferry.api.v1alpha1.Phase.Reverse;
import static dev.ferry.api.v1alpha1.Phase.Schema;
import static dev.ferry.api.v1alpha1.Phase.Validation;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.PhaseOutcome;
import dev.ferry.api.v1alpha1.ValidationStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The work phases a task runs, in order, and which of them is next.
 *
 * <ul>
 *   <li>{@code Full}: Precheck, Schema (if enabled), FullLoad, Validation (if enabled and run
 *       AfterFullLoad).
 *   <li>{@code Incremental}: Precheck, Incremental, Validation (if enabled and run AtCutover).
 *       Schema never runs in this mode.
 *   <li>{@code All}: Precheck, Schema (if enabled), FullLoad, Incremental, Validation (if
 *       enabled and run AtCutover).
 * </ul>
 *
 * <p>With {@code spec.cutover.reverse} (modes Incremental and All), Reverse comes last: the
 * stream from the new target back to the old source, which runs until the flag is set back to
 * false. The Incremental phase ends only after the cutover drained, so it is planned like any
 * other phase. After the last phase the task is Completed.
 */
public final class PhasePlan {

  private PhasePlan() {}

  /** The work phases of {@code spec}, in the order they run (Completed not included). */
  public static List<Phase> phasesFor(MigrationTaskSpec spec) {
    Mode mode = Objects.requireNonNull(spec.getMode(), "spec.mode is required");
    List<Phase> phases = new ArrayList<>();
    phases.add(Precheck);
    if (mode != Mode.Incremental) {
      if (spec.getSchema().isEnabled()) {
        phases.add(Schema);
      }
      phases.add(FullLoad);
    }
    if (mode != Mode.Full) {
      phases.add(Incremental);
    }
    if (validates(spec, mode == Mode.Full ? ValidationStage.AfterFullLoad
        : ValidationStage.AtCutover)) {
      phases.add(Validation);
    }
    if (mode != Mode.Full && spec.getCutover().isReverse()) {
      phases.add(Reverse);
    }
    return List.copyOf(phases);
  }

  /** The first phase of {@code spec} not yet done in {@code status}; empty when all are done. */
  public static Optional<Phase> nextPhase(MigrationTaskSpec spec, MigrationTaskStatus status) {
    return phasesFor(spec).stream().filter(phase -> !isDone(status, phase)).findFirst();
  }

  /** Whether {@code status} records {@code phase} as succeeded. */
  public static boolean isDone(MigrationTaskStatus status, Phase phase) {
    return status != null && status.getPhases().stream()
        .anyMatch(record -> record.getPhase() == phase
            && record.getOutcome() == PhaseOutcome.Succeeded);
  }

  private static boolean validates(MigrationTaskSpec spec, ValidationStage stage) {
    return spec.getValidation().isEnabled() && spec.getValidation().getWhen().contains(stage);
  }
}
