package dev.ferry.worker.cdc;

import dev.ferry.api.rules.CheckpointOrder;
import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.SourceCheckpoint;

/** Conversions and ordering between binlog coordinates and the status' position types. */
public final class Positions {

  private Positions() {}

  /**
   * Whether {@code a} is at or before {@code b}; positions that cannot be compared (different
   * binlog base names, no common form) count as at or before. Use {@link #reached} where that
   * would be the unsafe answer.
   */
  public static boolean atOrBefore(BinlogCoordinates a, BinlogCoordinates b) {
    return !CheckpointOrder.isBehind(checkpoint(a), checkpoint(b));
  }

  /**
   * Whether {@code position} has reached {@code target}: false when the two cannot be compared,
   * so that whoever waits for a position (a drain, a validation re-check) keeps waiting rather
   * than go on too early.
   */
  public static boolean reached(BinlogCoordinates position, BinlogCoordinates target) {
    return CheckpointOrder.comparable(checkpoint(position), checkpoint(target))
        && atOrBefore(target, position);
  }

  /** Coordinates of a status checkpoint, or null when it holds no position. */
  public static BinlogCoordinates of(SourceCheckpoint checkpoint) {
    if (checkpoint == null || (checkpoint.getFile() == null && checkpoint.getGtidSet() == null)) {
      return null;
    }
    return new BinlogCoordinates(checkpoint.getFile(),
        checkpoint.getPosition() == null ? 4 : checkpoint.getPosition(), checkpoint.getGtidSet());
  }

  /** Coordinates of a status position, or null when it holds none. */
  public static BinlogCoordinates of(BinlogPosition position) {
    if (position == null || (position.getFile() == null && position.getGtidSet() == null)) {
      return null;
    }
    return new BinlogCoordinates(position.getFile(),
        position.getPosition() == null ? 4 : position.getPosition(), position.getGtidSet());
  }

  private static SourceCheckpoint checkpoint(BinlogCoordinates coordinates) {
    SourceCheckpoint checkpoint = new SourceCheckpoint();
    checkpoint.setFile(coordinates.file());
    checkpoint.setPosition(coordinates.position());
    checkpoint.setGtidSet(coordinates.gtidSet());
    return checkpoint;
  }
}
