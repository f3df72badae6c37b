package dev.ferry.api.position;

import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.SourceCheckpoint;

/**
 * The one conversion each way between {@link Position} and the status types that hold a
 * position ({@link SourceCheckpoint}, {@link BinlogPosition}). A position given without an
 * offset (GTID only) gets offset 4, the first event of a file, which is not used when reading by
 * GTID.
 */
public final class StatusPositions {

  private static final long FIRST_EVENT = 4;

  private StatusPositions() {}

  /** The position of a status checkpoint, or null when it holds none. */
  public static Position of(SourceCheckpoint checkpoint) {
    return checkpoint == null ? null
        : of(checkpoint.getFile(), checkpoint.getPosition(), checkpoint.getGtidSet());
  }

  /** The position of a spec or status position, or null when it holds none. */
  public static Position of(BinlogPosition position) {
    return position == null ? null
        : of(position.getFile(), position.getPosition(), position.getGtidSet());
  }

  /** {@code position} as a status position; null for null. */
  public static BinlogPosition toBinlogPosition(Position position) {
    if (position == null) {
      return null;
    }
    BinlogPosition status = new BinlogPosition();
    status.setFile(position.file());
    status.setPosition(position.offset());
    status.setGtidSet(position.gtidText());
    return status;
  }

  /** Sets the file, offset and GTID set of {@code checkpoint} to {@code position}. */
  public static void write(Position position, SourceCheckpoint checkpoint) {
    checkpoint.setFile(position.file());
    checkpoint.setPosition(position.offset());
    checkpoint.setGtidSet(position.gtidText());
  }

  private static Position of(String file, Long offset, String gtidSet) {
    GtidSet gtids = GtidSet.parse(gtidSet);
    if (file == null && gtids == null) {
      return null;
    }
    return new Position(file, offset == null ? FIRST_EVENT : offset, gtids);
  }
}
