package dev.ferry.worker.cli;

import dev.ferry.api.v1alpha1.CheckResult;
import dev.ferry.api.v1alpha1.FullLoadStatus;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.PhaseRecord;
import dev.ferry.api.v1alpha1.PrecheckItem;
import dev.ferry.api.v1alpha1.RetryStatus;
import dev.ferry.api.v1alpha1.ReverseStatus;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.file.Path;

/** The human summary of a task's status that {@code ferry status} prints. */
final class StatusSummary {

  private StatusSummary() {}

  static String of(MigrationTask task, MigrationTaskStatus status, Path stateFile) {
    StringBuilder out = new StringBuilder();
    line(out, "Task", task.getMetadata().getName() + " (mode " + task.getSpec().getMode() + ")");
    line(out, "State file", stateFile.toString());
    line(out, "Phase", status.getPhase() == null ? "not started" : status.getPhase().name());
    if (status.getProgress() != null) {
      line(out, "Progress", status.getProgress());
    }
    for (PhaseRecord record : status.getPhases()) {
      line(out, "  " + record.getPhase(), record.getOutcome() + ", started "
          + record.getStartedAt() + (record.getCompletedAt() == null ? ""
          : ", completed " + record.getCompletedAt()));
    }
    for (Condition condition : status.getConditions()) {
      line(out, "Condition " + condition.getType(), condition.getStatus() + " ("
          + condition.getReason() + ")" + (blank(condition.getMessage()) ? ""
          : ": " + condition.getMessage()));
    }
    if (status.getPrecheck() != null) {
      for (PrecheckItem item : status.getPrecheck().getItems()) {
        if (item.getResult() != CheckResult.Pass) {
          line(out, "Precheck " + item.getName(), item.getResult() + ": " + item.getMessage()
              + (blank(item.getRemedy()) ? "" : " Remedy: " + item.getRemedy()));
        }
      }
    }
    FullLoadStatus full = status.getFullLoad();
    if (full != null) {
      line(out, "Full load", full.getRowsCopied() + " of ~" + full.getRowsEstimated()
          + " rows, " + full.getTablesDone() + "/" + full.getTablesTotal() + " tables, "
          + full.getChunksDone() + "/" + full.getChunksTotal() + " chunks"
          + (full.getCompletedAt() == null ? "" : ", completed " + full.getCompletedAt()));
    }
    for (SourceCheckpoint checkpoint : status.getCheckpoints()) {
      line(out, "Checkpoint " + checkpoint.getSource(), checkpoint.getFile() + ":"
          + checkpoint.getPosition() + (blank(checkpoint.getGtidSet()) ? ""
          : " gtid " + checkpoint.getGtidSet()) + (checkpoint.getEventTime() == null ? ""
          : " (events up to " + checkpoint.getEventTime() + ")"));
    }
    if (status.getReplication() != null && status.getReplication().getLagSeconds() != null) {
      line(out, "Lag", status.getReplication().getLagSeconds() + " s");
    }
    ReverseStatus reverse = status.getReverse();
    if (reverse != null) {
      SourceCheckpoint at = reverse.getCheckpoint();
      line(out, "Reverse", reverse.getState() + " into the old source " + reverse.getSource()
          + (reverse.getLagSeconds() == null ? "" : ", lag " + reverse.getLagSeconds() + " s")
          + (at == null ? "" : ", target checkpoint " + at.getFile() + ":" + at.getPosition()
          + (blank(at.getGtidSet()) ? "" : " gtid " + at.getGtidSet())));
    }
    RetryStatus retry = status.getRetry();
    if (retry != null) {
      line(out, "Retry", retry.getFailureClass() + " failure #" + retry.getAttempt() + " in "
          + retry.getPhase() + (retry.getNextAttemptAt() == null ? ""
          : ", next attempt " + retry.getNextAttemptAt()) + ", window ends "
          + retry.getWindowEndsAt());
      line(out, "Last error", retry.getLastError());
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format("%-22s %s%n", label + ":", value));
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
