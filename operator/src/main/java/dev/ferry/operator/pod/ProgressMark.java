package dev.ferry.operator.pod;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import java.util.stream.Collectors;

/**
 * A short fingerprint of how far a task got (full-load chunks done, checkpoint per source, the
 * reverse stream's checkpoint). The operator stores it on a worker pod at creation; when the pod
 * fails, a different fingerprint means the attempt made progress, which starts a new failure
 * streak.
 */
public final class ProgressMark {

  private ProgressMark() {}

  /** The fingerprint of {@code status}. */
  public static String of(MigrationTaskStatus status) {
    Long chunks = status.getFullLoad() == null ? null : status.getFullLoad().getChunksDone();
    String checkpoints = status.getCheckpoints().stream()
        .map(ProgressMark::describe)
        .collect(Collectors.joining(";"));
    String reverse = status.getReverse() == null || status.getReverse().getCheckpoint() == null
        ? "" : ";reverse=" + describe(status.getReverse().getCheckpoint());
    String mark = "chunks=" + (chunks == null ? 0 : chunks) + ";" + checkpoints + reverse;
    return mark.length() <= 1024 ? mark : Integer.toHexString(mark.hashCode());
  }

  private static String describe(SourceCheckpoint checkpoint) {
    return checkpoint.getSource() + "@" + checkpoint.getFile() + ":" + checkpoint.getPosition()
        + (checkpoint.getGtidSet() == null ? "" : "/" + checkpoint.getGtidSet().hashCode());
  }
}
