package dev.ferry.api.rules;

import dev.ferry.api.position.Position;
import dev.ferry.api.position.StatusPositions;
import dev.ferry.api.v1alpha1.SourceCheckpoint;

/**
 * Orders binlog checkpoints of one source with {@link Position#relativeTo}, so that no writer
 * ever stores an older checkpoint over a newer one.
 */
public final class CheckpointOrder {

  private CheckpointOrder() {}

  /**
   * Whether {@code next} is behind {@code previous}: storing it would move the checkpoint
   * backwards.
   */
  public static boolean isBehind(SourceCheckpoint previous, SourceCheckpoint next) {
    Position stored = StatusPositions.of(previous);
    Position candidate = StatusPositions.of(next);
    if (stored == null || candidate == null) {
      return false;
    }
    return switch (candidate.relativeTo(stored)) {
      case BEFORE -> true;
      case SAME, AFTER -> false;
      // Two GTID sets neither of which contains the other: the new one lacks a transaction the
      // stored one has, and a resume from it could skip that one, so it is not stored. Without
      // GTID sets (files of different base names, e.g. a replaced source server) nothing tells
      // which is newer, and the writer's new checkpoint is taken.
      case INCOMPARABLE -> candidate.ordersByGtids(stored);
    };
  }
}
