package dev.ferry.worker.cdc;

import dev.ferry.api.position.Position;
import java.time.Duration;
import java.time.Instant;

/**
 * When changes are applied idempotently: up to the position where the full load ended (rows the
 * copy already holds may be replayed), and for a window after every resume.
 */
public final class SafeMode {

  private final Position fullLoadEnd;
  private final Instant windowEnd;
  private boolean passedFullLoadEnd;

  /**
   * @param fullLoadEnd where the full load ended (status safeModeUntil), or null
   * @param resumedAt when this run of the phase started
   * @param window spec.incremental.safeModeWindow
   */
  public SafeMode(Position fullLoadEnd, Instant resumedAt, Duration window) {
    this.fullLoadEnd = fullLoadEnd;
    this.windowEnd = resumedAt.plus(window);
  }

  /**
   * Whether a transaction ending at {@code end} is applied idempotently at {@code now}. The
   * stream only moves forward, so once past the full load's end no comparison is needed.
   */
  public boolean appliesTo(Position end, Instant now) {
    if (now.isBefore(windowEnd)) {
      return true;
    }
    if (fullLoadEnd == null || end == null || passedFullLoadEnd) {
      return false;
    }
    passedFullLoadEnd = switch (end.relativeTo(fullLoadEnd)) {
      case BEFORE, SAME -> false;
      case AFTER -> true;
      // GTID sets neither of which contains the other: the stream has a transaction the full
      // load's end lacks, so it is past it. Files of another base name: nothing tells, so the
      // stream stays idempotent (safe mode only ever applies a change the load may hold).
      case INCOMPARABLE -> end.ordersByGtids(fullLoadEnd);
    };
    return !passedFullLoadEnd;
  }

  public String describe() {
    return ", safe mode until " + windowEnd + (fullLoadEnd == null ? ""
        : " and up to the full load's end at " + fullLoadEnd);
  }
}
