package dev.ferry.api.rules;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.ReverseStatus;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps checkpoints monotonic when a status is replaced: a source's checkpoint in the new status
 * that is behind the stored one is replaced by the stored one, and a source's checkpoint that the
 * new status dropped is kept. The same holds for the reverse stream's checkpoint
 * ({@code status.reverse.checkpoint}). Every status writer runs this before storing.
 */
public final class CheckpointGuard {

  /** Name under which a restored reverse checkpoint is reported. */
  public static final String REVERSE = "reverse";

  private CheckpointGuard() {}

  /**
   * Restores in {@code next} every checkpoint of {@code stored} that {@code next} would move
   * backwards or drop.
   *
   * @return the sources whose checkpoint was restored (empty when {@code next} was fine); the
   *     reverse stream's is named {@code reverse}
   */
  public static List<String> keepMonotonic(MigrationTaskStatus stored, MigrationTaskStatus next) {
    List<String> restored = new ArrayList<>();
    if (stored == null) {
      return restored;
    }
    for (SourceCheckpoint before : stored.getCheckpoints()) {
      SourceCheckpoint after = find(next.getCheckpoints(), before.getSource());
      if (after == null) {
        next.getCheckpoints().add(before);
        restored.add(before.getSource());
      } else if (CheckpointOrder.isBehind(before, after)) {
        next.getCheckpoints().set(next.getCheckpoints().indexOf(after), before);
        restored.add(before.getSource());
      }
    }
    if (keepReverse(stored.getReverse(), next)) {
      restored.add(REVERSE);
    }
    return restored;
  }

  private static boolean keepReverse(ReverseStatus stored, MigrationTaskStatus next) {
    if (stored == null || stored.getCheckpoint() == null) {
      return false;
    }
    if (next.getReverse() == null) {
      next.setReverse(stored);
      return true;
    }
    if (next.getReverse().getCheckpoint() == null
        || CheckpointOrder.isBehind(stored.getCheckpoint(), next.getReverse().getCheckpoint())) {
      next.getReverse().setCheckpoint(stored.getCheckpoint());
      return true;
    }
    return false;
  }

  private static SourceCheckpoint find(List<SourceCheckpoint> checkpoints, String source) {
    return checkpoints.stream().filter(c -> source != null && source.equals(c.getSource()))
        .findFirst().orElse(null);
  }
}
