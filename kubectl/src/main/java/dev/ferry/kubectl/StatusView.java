package dev.ferry.kubectl;

import dev.ferry.api.retry.Rfc3339;
import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.CutoverSpec;
import dev.ferry.api.v1alpha1.CutoverStatus;
import dev.ferry.api.v1alpha1.FullLoadStatus;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.ReplicationStatus;
import dev.ferry.api.v1alpha1.RetryStatus;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.api.v1alpha1.ValidationStatus;
import dev.ferry.api.v1alpha1.WorkerStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A MigrationTask on one screen: phase and conditions, progress, worker, full load,
 * replication lag, each source's checkpoint and how far behind it is, cutover, retry window and
 * last error. Lines only for what the status has.
 */
final class StatusView {

  private final MigrationTask task;
  private final Instant now;
  private final List<String> lines = new ArrayList<>();

  private StatusView(MigrationTask task, Instant now) {
    this.task = task;
    this.now = now;
  }

  /** The screen for {@code task} at {@code now}. */
  static String render(MigrationTask task, Instant now) {
    StatusView view = new StatusView(task, now);
    view.build();
    return String.join(System.lineSeparator(), view.lines) + System.lineSeparator();
  }

  private void build() {
    MigrationTaskStatus status = task.getStatus() == null ? new MigrationTaskStatus()
        : task.getStatus();
    line("Task", task.getMetadata().getNamespace() + "/" + task.getMetadata().getName()
        + "  mode " + task.getSpec().getMode()
        + (task.getSpec().isSuspend() ? "  (spec.suspend: true)" : ""));
    line("Phase", (status.getPhase() == null ? "not started" : status.getPhase().toString())
        + (status.getProgress() == null ? "" : "  progress " + status.getProgress()));
    line("Conditions", conditions(status));
    worker(status.getWorker());
    fullLoad(status.getFullLoad());
    replication(status.getReplication());
    checkpoints(status.getCheckpoints());
    validation(status.getValidation());
    cutover(task.getSpec().getCutover(), status.getCutover());
    retry(status.getRetry());
  }

  private String conditions(MigrationTaskStatus status) {
    List<String> shown = new ArrayList<>();
    for (ConditionType type : ConditionType.values()) {
      Conditions.find(status, type).ifPresent(c -> shown.add(type + "=" + c.getStatus()
          + (reasonShown(c) ? " (" + c.getReason() + ")" : "")));
    }
    return shown.isEmpty() ? "none yet" : String.join("  ", shown);
  }

  private static boolean reasonShown(Condition condition) {
    return "True".equals(condition.getStatus()) && condition.getReason() != null;
  }

  private void worker(WorkerStatus worker) {
    if (worker == null) {
      return;
    }
    line("Worker", "phase " + worker.getPhase() + ", attempt " + (worker.getAttempt() + 1)
        + ", pod(s) " + String.join(", ", worker.getPods()) + since(worker.getStartedAt()));
  }

  private void fullLoad(FullLoadStatus load) {
    if (load == null) {
      return;
    }
    line("Full load", "tables " + of(load.getTablesDone(), load.getTablesTotal())
        + ", chunks " + of(load.getChunksDone(), load.getChunksTotal())
        + ", rows " + of(load.getRowsCopied(), load.getRowsEstimated())
        + (load.getRowsPerSecond() == null ? "" : ", " + rate(load.getRowsPerSecond())
            + " rows/s")
        + (load.getCompletedAt() == null ? "" : ", completed " + load.getCompletedAt()));
  }

  private void replication(ReplicationStatus replication) {
    if (replication == null) {
      return;
    }
    line("Replication", "lag " + (replication.getLagSeconds() == null ? "unknown"
        : replication.getLagSeconds() + "s")
        + (replication.getEventsPerSecond() == null ? "" : ", "
            + rate(replication.getEventsPerSecond()) + " events/s")
        + (replication.getEventsApplied() == null ? "" : ", "
            + replication.getEventsApplied() + " events applied")
        + (Boolean.TRUE.equals(replication.getSafeMode()) ? ", safe mode" : "")
        + (replication.getBinlogAtRisk() == null ? "" : "; AT RISK: "
            + replication.getBinlogAtRisk()));
  }

  private void checkpoints(List<SourceCheckpoint> checkpoints) {
    for (SourceCheckpoint checkpoint : checkpoints) {
      StringBuilder text = new StringBuilder(checkpoint.getSource()).append(": ")
          .append(checkpoint.getFile()).append(':').append(checkpoint.getPosition());
      if (checkpoint.getGtidSet() != null && !checkpoint.getGtidSet().isEmpty()) {
        text.append("  gtid ").append(checkpoint.getGtidSet());
      }
      Rfc3339.parse(checkpoint.getEventTime()).ifPresent(eventTime -> text
          .append("  event time ").append(checkpoint.getEventTime())
          .append(" (behind ").append(age(eventTime)).append(')'));
      line("Checkpoint", text.toString());
    }
  }

  private void validation(ValidationStatus validation) {
    if (validation == null) {
      return;
    }
    line("Validation", (validation.getStage() == null ? "" : validation.getStage() + ", ")
        + "tables " + of(validation.getTablesChecked(), validation.getTablesTotal())
        + ", chunks matched " + orZero(validation.getChunksMatched())
        + ", mismatched " + orZero(validation.getChunksMismatched())
        + (validation.getPassed() == null ? "" : validation.getPassed() ? ", passed"
            : ", FAILED"));
  }

  private void cutover(CutoverSpec spec, CutoverStatus cutover) {
    if (!spec.isRequested() && cutover == null) {
      return;
    }
    StringBuilder text = new StringBuilder(spec.isRequested()
        ? "requested (spec.cutover.requested), maxLag " + spec.getMaxLag()
        : "not requested");
    if (cutover != null) {
      appendIf(text, "requested at ", cutover.getRequestedAt());
      appendIf(text, "fenced at ", cutover.getFencedAt());
      appendIf(text, "drained at ", cutover.getDrainedAt());
      if (cutover.getWriteDowntimeSeconds() != null) {
        text.append(", write downtime ").append(cutover.getWriteDowntimeSeconds()).append('s');
      }
    }
    line("Cutover", text.toString());
  }

  private void retry(RetryStatus retry) {
    if (retry == null) {
      return;
    }
    StringBuilder text = new StringBuilder("phase ").append(retry.getPhase())
        .append(", ").append(retry.getAttempt()).append(" failed attempt(s)");
    if (retry.getFailureClass() != null) {
      text.append(", class ").append(retry.getFailureClass());
    }
    appendIf(text, "next attempt at ", retry.getNextAttemptAt());
    appendIf(text, "window ends at ", retry.getWindowEndsAt());
    line("Retry", text.toString());
    if (retry.getLastError() != null) {
      line("Last error", retry.getLastError());
    }
  }

  private static void appendIf(StringBuilder text, String label, String value) {
    if (value != null) {
      text.append(", ").append(label).append(value);
    }
  }

  private String since(String startedAt) {
    return Rfc3339.parse(startedAt).map(at -> ", running for " + age(at)).orElse("");
  }

  private String age(Instant then) {
    Duration age = Duration.between(then, now);
    if (age.isNegative()) {
      return "0s";
    }
    long seconds = age.toSeconds();
    return seconds < 120 ? seconds + "s" : seconds < 7200 ? seconds / 60 + "m"
        : seconds / 3600 + "h" + (seconds % 3600) / 60 + "m";
  }

  private static String of(Number done, Number total) {
    return orZero(done) + "/" + (total == null ? "?" : total);
  }

  private static Number orZero(Number value) {
    return value == null ? 0 : value;
  }

  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%.1f", perSecond);
  }

  private void line(String label, String text) {
    lines.add(String.format(Locale.ROOT, "%-12s %s", label + ":", text));
  }
}
