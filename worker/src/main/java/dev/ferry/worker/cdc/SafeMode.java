package dev.ferry.worker.cdc;

import java.time.Duration;
import java.time.Instant;

/**
 * When changes are applied idempotently: up to the position where the full load ended (rows the
 * copy already holds may be replayed), and for a window after every resume.
 */
public final class SafeMode {

  private final BinlogCoordinates fullLoadEnd;
  private final Instant windowEnd;
  private boolean passedFullLoadEnd;

  /**
   * @param fullLoadEnd where the full load ended (status safeModeUntil), or null
   * @param resumedAt when this run of the phase started
   * @param window spec.incremental.safeModeWindow
   */
  public SafeMode(BinlogCoordinates fullLoadEnd, Instant resumedAt, Duration window) {
    this.fullLoadEnd = fullLoadEnd;
    this.windowEnd = resumedAt.plus(window);
  }

  /**
   * Whether a transaction ending at {@code end} is applied idempotently at {@code now}. The
   * stream only moves forward, so once past the full load's end no comparison is needed.
   */
  public boolean appliesTo(BinlogCoordinates end, Instant now) {
    if (now.isBefore(windowEnd)) {
      return true;
    }
    if (fullLoadEnd == null || end == null || passedFullLoadEnd) {
      return false;
    }
    passedFullLoadEnd = !Positions.atOrBefore(end, fullLoadEnd);
    return !passedFullLoadEnd;
  }

  public String describe() {
    return ", safe mode until " + windowEnd + (fullLoadEnd == null ? ""
        : " and up to the full load's end at " + fullLoadEnd);
  }
}
