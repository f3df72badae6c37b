package dev.ferry.examples.quickstart;

import dev.ferry.api.retry.Rfc3339;
import dev.ferry.api.v1alpha1.CutoverStatus;
import dev.ferry.api.v1alpha1.FullLoadStatus;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.PhaseRecord;
import dev.ferry.api.v1alpha1.ReplicationStatus;
import dev.ferry.api.v1alpha1.ValidationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The summary the quickstart prints at the end, from the task's status (as {@code ferry run}
 * left it in the state file), the row counts after the cutover and the writer's figures; and
 * the problems that make the quickstart fail.
 */
final class Summary {

  private final MigrationTaskStatus status;
  private final TableCounts counts;
  private final ShopWriter.Report writer;
  private final QuickstartTask task;

  Summary(MigrationTaskStatus status, TableCounts counts, ShopWriter.Report writer,
      QuickstartTask task) {
    this.status = status;
    this.counts = counts;
    this.writer = writer;
    this.task = task;
  }

  /** Why the run does not count as a success; empty when it does. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    ValidationStatus validation = status.getValidation();
    if (validation == null || !Boolean.TRUE.equals(validation.getPassed())) {
      problems.add("the validation at cutover did not pass (status.validation: "
          + describe(validation) + ")");
    }
    if (counts.target() != counts.sourceFiltered()) {
      problems.add("the target holds " + number(counts.target()) + " rows, the source "
          + number(counts.sourceFiltered()) + " after the filter");
    }
    if (writer.failure() != null) {
      problems.add("the background writer failed: " + writer.failure());
    }
    return problems;
  }

  /** The summary, one labelled line per fact. */
  String text() {
    List<String> lines = new ArrayList<>();
    line(lines, "Task", QuickstartTask.NAME + ": " + status.getPhase());
    line(lines, "Phases", phases());
    FullLoadStatus full = status.getFullLoad();
    if (full != null) {
      line(lines, "Full load", fullLoad(full));
    }
    ReplicationStatus replication = status.getReplication();
    if (replication != null) {
      line(lines, "Replication", number(replication.getEventsApplied())
          + " binlog events applied, final lag " + replication.getLagSeconds() + " s");
    }
    CutoverStatus cutover = status.getCutover();
    if (cutover != null) {
      line(lines, "Cutover", "source fenced read-only at " + cutover.getFencedAt()
          + ", drained at " + cutover.getDrainedAt());
      line(lines, "Write downtime", cutover.getWriteDowntimeSeconds() == null ? "not measured"
          : String.format(Locale.ROOT, "%.2f s (fence to drained)",
              cutover.getWriteDowntimeSeconds()));
    }
    line(lines, "Validation", describe(status.getValidation()));
    line(lines, "Writer", number(writer.transactions()) + " transactions ("
        + number(writer.statements()) + " statements) by " + ShopWriter.USER
        + (writer.fenced() ? ", stopped by the fence" : ", stopped when the run ended"));
    line(lines, "Rows", "source " + number(counts.source()) + ", "
        + number(counts.sourceFiltered()) + " after the filter; target "
        + number(counts.target()));
    for (TableCounts.Count count : counts.tables()) {
      line(lines, "  " + count.table().source(), tableCounts(count));
    }
    line(lines, "Manifest", task.manifest().toString());
    line(lines, "Secrets", task.secretsDir().toString());
    line(lines, "State file", task.stateFile().toString());
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }

  private static String fullLoad(FullLoadStatus full) {
    Optional<Duration> took = between(full.getStartedAt(), full.getCompletedAt());
    String rate = took.filter(d -> !d.isZero()).map(d -> ", " + number(Math.round(
        orZero(full.getRowsCopied()) * 1000.0 / d.toMillis())) + " rows/s").orElse("");
    return number(full.getRowsCopied()) + " rows copied in "
        + took.map(Summary::seconds).orElse("?") + rate + " (" + full.getTablesDone()
        + " tables, " + full.getChunksDone() + " chunks)";
  }

  private static String tableCounts(TableCounts.Count count) {
    QuickstartTask.MigratedTable table = count.table();
    return number(count.sourceFiltered()) + (table.where() == null ? ""
        : " of " + number(count.source()) + " (where " + table.where() + ")") + " -> "
        + (table.target().equals(table.source()) ? "" : table.target() + " ")
        + number(count.target());
  }

  private String phases() {
    List<String> parts = new ArrayList<>();
    for (PhaseRecord record : status.getPhases()) {
      parts.add(record.getPhase() + " " + between(record.getStartedAt(),
          record.getCompletedAt()).map(Summary::seconds).orElse(String.valueOf(
          record.getOutcome())));
    }
    return String.join(", ", parts);
  }

  private static String describe(ValidationStatus validation) {
    if (validation == null) {
      return "did not run";
    }
    return (Boolean.TRUE.equals(validation.getPassed()) ? "passed" : "FAILED") + ", "
        + validation.getTablesChecked() + "/" + validation.getTablesTotal() + " tables, "
        + number(validation.getChunksMatched()) + " chunks matched, "
        + number(validation.getChunksMismatched()) + " differ";
  }

  private static Optional<Duration> between(String start, String end) {
    Optional<Instant> from = Rfc3339.parse(start);
    Optional<Instant> to = Rfc3339.parse(end);
    return from.isPresent() && to.isPresent() ? Optional.of(Duration.between(from.get(),
        to.get())) : Optional.empty();
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private static String number(Number value) {
    return value == null ? "0" : String.format(Locale.ROOT, "%,d", value.longValue());
  }

  private static long orZero(Number value) {
    return value == null ? 0 : value.longValue();
  }

  private static void line(List<String> lines, String label, String value) {
    lines.add(String.format(Locale.ROOT, "%-22s %s", label + ":", value));
  }
}
