package dev.ferry.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.CutoverStatus;
import dev.ferry.api.v1alpha1.FullLoadStatus;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.ValidationStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The quickstart's verdict and summary from a task status, without servers. */
class SummaryTest {

  private static final QuickstartTask TASK = new QuickstartTask(Path.of("/w/shop.yaml"),
      Path.of("/w/secrets"), Path.of("/w/shop.status.yaml"));
  private static final ShopWriter.Report FENCED = new ShopWriter.Report(120, 300, true, null);

  @Test
  void aValidatedRunWithEqualCountsPassesAndReportsThroughputAndDowntime() {
    Summary summary = new Summary(status(true), counts(1_000), FENCED, TASK);

    assertThat(summary.problems()).isEmpty();
    assertThat(summary.text())
        .contains("Full load:             4,000 rows copied in 2.0 s, 2,000 rows/s")
        .contains("Write downtime:        0.25 s (fence to drained)")
        .contains("Validation:            passed, 6/6 tables, 12 chunks matched, 0 differ")
        .contains("Writer:                120 transactions (300 statements) by shop_app,"
            + " stopped by the fence")
        .contains("  events:              1,000 of 1,500 (where customer_id IS NOT NULL)"
            + " -> customer_events 1,000")
        .contains("State file:            /w/shop.status.yaml");
  }

  @Test
  void everyReasonToFailIsNamed() {
    ShopWriter.Report broken = new ShopWriter.Report(5, 9, false, "Table doesn't exist");
    Summary summary = new Summary(status(false), counts(999), broken, TASK);

    assertThat(summary.problems()).containsExactly(
        "the validation at cutover did not pass (status.validation: FAILED, 6/6 tables,"
            + " 12 chunks matched, 1 differ)",
        "the target holds 5,999 rows, the source 6,000 after the filter",
        "the background writer failed: Table doesn't exist");
  }

  private static MigrationTaskStatus status(boolean passed) {
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setPhase(passed ? Phase.Completed : Phase.Failed);
    FullLoadStatus full = new FullLoadStatus();
    full.setStartedAt("2026-01-01T00:00:00Z");
    full.setCompletedAt("2026-01-01T00:00:02Z");
    full.setRowsCopied(4_000L);
    status.setFullLoad(full);
    CutoverStatus cutover = new CutoverStatus();
    cutover.setWriteDowntimeSeconds(0.25);
    status.setCutover(cutover);
    ValidationStatus validation = new ValidationStatus();
    validation.setPassed(passed);
    validation.setTablesTotal(6);
    validation.setTablesChecked(6);
    validation.setChunksMatched(12L);
    validation.setChunksMismatched(passed ? 0L : 1L);
    status.setValidation(validation);
    return status;
  }

  /** 1,000 rows in every table but events, which has 1,500 of which 1,000 pass the filter. */
  private static TableCounts counts(long eventsOnTarget) {
    return new TableCounts(QuickstartTask.tables().stream().map(table -> table.where() == null
        ? new TableCounts.Count(table, 1_000, 1_000, 1_000)
        : new TableCounts.Count(table, 1_500, 1_000, eventsOnTarget)).toList());
  }
}
