package dev.ferry.worker.validation;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.ValidationStage;
import dev.ferry.api.v1alpha1.ValidationStatus;
import dev.ferry.worker.status.StatusSink;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes a validation run of the validation phase into {@code status.validation} (stage
 * AfterFullLoad in mode Full, else AtCutover) and {@code status.progress} through the status
 * sink. A run is identified by its {@code startedAt}: a run whose status has no
 * {@code completedAt} yet is resumed, any other starts a new run.
 */
final class ValidationReport {

  /** Shortest time between two progress reports, so that many small tables do not flood. */
  private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;

  private final StatusSink sink;
  private final String runId;
  private final boolean resumed;
  private final ValidationStage stage;
  private long lastReport = System.nanoTime() - REPORT_INTERVAL_NANOS;

  private ValidationReport(StatusSink sink, String runId, boolean resumed) {
    this.sink = sink;
    this.runId = runId;
    this.resumed = resumed;
    this.stage = sink.spec().getMode() == Mode.Full ? ValidationStage.AfterFullLoad
        : ValidationStage.AtCutover;
  }

  /** Resumes the unfinished run in the status, or starts a new one now. */
  static ValidationReport begin(StatusSink sink) {
    ValidationStatus last = sink.status().getValidation();
    if (last != null && last.getStartedAt() != null && last.getCompletedAt() == null) {
      return new ValidationReport(sink, last.getStartedAt(), true);
    }
    String runId = now();
    ValidationReport report = new ValidationReport(sink, runId, false);
    sink.update(report::current);
    return report;
  }

  /** The run's id, its {@code startedAt}. */
  String runId() {
    return runId;
  }

  /** Whether this run continues an interrupted one. */
  boolean resumed() {
    return resumed;
  }

  /**
   * Reports the totals after {@code tablesChecked} of {@code tablesTotal} tables, at most once a
   * second ({@link #complete} always reports).
   */
  void progress(int tablesChecked, int tablesTotal, Tally tally) {
    long now = System.nanoTime();
    if (now - lastReport < REPORT_INTERVAL_NANOS) {
      return;
    }
    lastReport = now;
    sink.update(status -> {
      ValidationStatus validation = current(status);
      counters(validation, tablesChecked, tablesTotal, tally);
      status.setProgress("validated " + tablesChecked + "/" + tablesTotal + " tables"
          + differences(tally));
    });
  }

  /** Reports the end of the run and its verdict. */
  void complete(int tablesChecked, int tablesTotal, Tally tally) {
    sink.update(status -> {
      ValidationStatus validation = current(status);
      counters(validation, tablesChecked, tablesTotal, tally);
      validation.setPassed(tally.mismatched() == 0);
      validation.setCompletedAt(now());
      status.setProgress((tally.mismatched() == 0 ? "validation passed: "
          : "validation found differences: ") + tablesChecked + "/" + tablesTotal
          + " tables" + differences(tally));
    });
  }

  private ValidationStatus current(MigrationTaskStatus status) {
    ValidationStatus validation = status.getValidation();
    if (validation == null || !runId.equals(validation.getStartedAt())) {
      validation = new ValidationStatus();
      validation.setStage(stage);
      validation.setStartedAt(runId);
      status.setValidation(validation);
    }
    return validation;
  }

  private static void counters(ValidationStatus validation, int tablesChecked, int tablesTotal,
      Tally tally) {
    validation.setTablesTotal(tablesTotal);
    validation.setTablesChecked(tablesChecked);
    validation.setChunksMatched(tally.matched());
    validation.setChunksMismatched(tally.mismatched());
    validation.setMismatches(tally.mismatches());
  }

  private static String differences(Tally tally) {
    StringBuilder text = new StringBuilder();
    if (tally.mismatched() > 0) {
      text.append(", ").append(tally.mismatched()).append(" chunks differ");
    }
    if (tally.repaired() > 0) {
      text.append(", ").append(tally.repaired()).append(" chunks repaired");
    }
    if (!tally.keylessTables().isEmpty()) {
      text.append(", ").append(tally.keylessTables().size())
          .append(" keyless tables compared whole");
    }
    return text.toString();
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
