package dev.ferry.worker.cdc.apply;

import dev.ferry.api.position.Position;
import java.time.Instant;

/**
 * A binlog position up to which something is applied, with the source commit time of the last
 * transaction at or before it.
 *
 * @param eventTime source commit time, or null when unknown
 */
record AppliedPosition(Position position, Instant eventTime) {

  /** Whether {@code end} is at or before this position, so everything up to it is applied. */
  boolean covers(Position end) {
    return atOrBefore(end, position);
  }

  /**
   * Whether {@code end} is at or before {@code bound}, as the applier orders positions of one
   * source: by GTID containment when both have a set, else by file and offset.
   */
  static boolean atOrBefore(Position end, Position bound) {
    return switch (end.relativeTo(bound)) {
      case BEFORE, SAME -> true;
      case AFTER -> false;
      // Another binlog base name, or GTID sets neither of which contains the other: not at or
      // before, so the change counts as not yet applied and is applied again (the safe side).
      case INCOMPARABLE -> false;
    };
  }

  /**
   * The earliest of {@code positions}, the later of equal ones; one that cannot be ordered
   * against the earliest so far is passed over.
   */
  static AppliedPosition lowest(Iterable<AppliedPosition> positions) {
    AppliedPosition lowest = null;
    for (AppliedPosition p : positions) {
      if (lowest == null || lowest.covers(p.position())) {
        lowest = p;
      }
    }
    return lowest;
  }
}
