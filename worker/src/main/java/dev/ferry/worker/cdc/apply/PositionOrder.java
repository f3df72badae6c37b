package dev.ferry.worker.cdc.apply;

import dev.ferry.api.rules.CheckpointOrder;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.worker.cdc.BinlogCoordinates;
import java.util.Collection;
import java.util.Objects;

/**
 * Orders binlog coordinates of one source with {@link CheckpointOrder}: by GTID containment when
 * both sides have a GTID set, else by file number and offset. Coordinates that cannot be compared
 * (different binlog base names) are never "at or before" each other, so callers treat them as not
 * yet applied, which errs on the side of applying again.
 */
final class PositionOrder {

  private PositionOrder() {}

  /** Whether {@code a} is at or before {@code b}. */
  static boolean atOrBefore(BinlogCoordinates a, BinlogCoordinates b) {
    if (a.equals(b)) {
      return true;
    }
    if (hasGtids(a) && hasGtids(b)) {
      return !CheckpointOrder.isBehind(checkpoint(a, true), checkpoint(b, true));
    }
    if (CheckpointOrder.isBehind(checkpoint(b, false), checkpoint(a, false))) {
      return true;
    }
    return Objects.equals(a.file(), b.file()) && a.position() == b.position();
  }

  /** The earliest of {@code positions} (incomparable ones are passed over). */
  static AppliedPosition lowest(Collection<AppliedPosition> positions) {
    AppliedPosition lowest = null;
    for (AppliedPosition p : positions) {
      if (lowest == null || atOrBefore(p.coordinates(), lowest.coordinates())) {
        lowest = p;
      }
    }
    return lowest;
  }

  /** The latest of {@code positions} (incomparable ones are passed over). */
  static BinlogCoordinates highest(Collection<BinlogCoordinates> positions) {
    BinlogCoordinates highest = null;
    for (BinlogCoordinates p : positions) {
      if (highest == null || atOrBefore(highest, p)) {
        highest = p;
      }
    }
    return highest;
  }

  private static boolean hasGtids(BinlogCoordinates c) {
    return c.gtidSet() != null && !c.gtidSet().isBlank();
  }

  private static SourceCheckpoint checkpoint(BinlogCoordinates c, boolean withGtids) {
    SourceCheckpoint checkpoint = new SourceCheckpoint();
    checkpoint.setFile(c.file());
    checkpoint.setPosition(c.position());
    checkpoint.setGtidSet(withGtids ? c.gtidSet() : null);
    return checkpoint;
  }
}
