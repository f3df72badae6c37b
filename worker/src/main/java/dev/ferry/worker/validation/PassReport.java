package dev.ferry.worker.validation;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.ValidationStage;
import dev.ferry.api.v1alpha1.ValidationStatus;
import dev.ferry.worker.status.StatusSink;
import dev.ferry.worker.target.DivergenceRemedy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes a validation pass made while replicating into {@code status.validation}, whole, once
 * the pass ends: the verdict of the last pass stays visible while the next one runs. Sets the
 * {@code Validated} condition (False naming the differing tables). Leaves
 * {@code status.progress} to the replication report.
 */
final class PassReport {

  private final StatusSink sink;

  PassReport(StatusSink sink) {
    this.sink = sink;
  }

  /** Passes completed so far by {@code stage}, as the status records them. */
  int passes(ValidationStage stage) {
    ValidationStatus last = sink.status().getValidation();
    return last != null && last.getStage() == stage && last.getPasses() != null
        ? last.getPasses() : 0;
  }

  /**
   * Reports a completed pass.
   *
   * @param repairDeferred whether the spec asks for repair, which waits for the cutover
   */
  void completed(ValidationStage stage, int pass, Instant startedAt, int tablesChecked,
      int tablesTotal, Tally tally, boolean repairDeferred) {
    Instant now = Instant.now();
    boolean passed = tally.mismatched() == 0;
    String message = message(pass, passed, tablesChecked, tally, repairDeferred);
    sink.update(status -> {
      ValidationStatus validation = new ValidationStatus();
      validation.setStage(stage);
      validation.setPasses(pass);
      validation.setStartedAt(time(startedAt));
      validation.setCompletedAt(time(now));
      validation.setPassed(passed);
      validation.setTablesTotal(tablesTotal);
      validation.setTablesChecked(tablesChecked);
      validation.setChunksMatched(tally.matched());
      validation.setChunksMismatched(tally.mismatched());
      validation.setChunksRechecked(tally.rechecked());
      validation.setChunksUnsettled(tally.unsettled());
      validation.setMismatches(tally.mismatches());
      status.setValidation(validation);
      Conditions.set(status, ConditionType.Validated, passed,
          passed ? "PassMatched" : "DifferencesFound", message, status.getObservedGeneration(),
          now);
    });
  }

  private static String message(int pass, boolean passed, int tablesChecked, Tally tally,
      boolean repairDeferred) {
    StringBuilder text = new StringBuilder("validation pass " + pass + " while replicating: ");
    if (passed) {
      text.append(tablesChecked).append(" tables match");
    } else {
      text.append(tally.mismatched()).append(" chunks differ in tables ")
          .append(String.join(", ", tally.differingTables()))
          .append(" (see status.validation.mismatches)");
      if (repairDeferred) {
        text.append("; repair does not run while replicating, as it would race the apply: the"
            + " validation at cutover (validation.when AtCutover) re-copies them after the drain");
      }
    }
    if (tally.unsettled() > 0) {
      text.append("; ").append(tally.unsettled()).append(" chunks undecided (their rows kept"
          + " changing, the apply lagged, or their table changed shape)");
    }
    if (!passed) {
      text.append(". Something besides Ferry changed the differing tables on the target: ")
          .append(DivergenceRemedy.of(String.join(", ", tally.differingTables())));
    }
    return text.toString();
  }

  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
