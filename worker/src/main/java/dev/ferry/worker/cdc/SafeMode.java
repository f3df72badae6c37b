package dev.ferry.worker.cdc;

import dev.ferry.api.position.Position;

/**
 * When a stream's changes are applied idempotently: up to the position where the rows they
 * change may already be on the target by another way than the stream, and never after it.
 *
 * <p>Why that is exact, per use:
 * <ul>
 *   <li>Forward stream, up to the full load's end ({@code checkpoints[].safeModeUntil}): a chunk
 *   of a keyed table was read at some moment between the load's start position (where the
 *   stream starts) and its end, so a change in between may already be in the copy. The
 *   idempotent form writes each row's final image by key (REPLACE; DELETE that may find
 *   nothing), and the changes of one key are applied in binlog order, so once the stream has
 *   passed the load's end every keyed row equals the source's, whichever changes the copy held.
 *   Tables without a key never use it: see {@code CopyCutoff} and {@code RowWrite}.</li>
 *   <li>Reverse stream, up to the end of Ferry's own writes into the new target (validation
 *   repairs): the same argument, the repairs standing in for the copy.</li>
 * </ul>
 * A resume needs no idempotence: the lane checkpoints commit with the rows, so a replayed
 * transaction is either skipped as applied or was not applied at all. ({@code
 * spec.incremental.safeModeWindow}, formerly a time window of idempotent rows after every
 * resume, now only lets replayed DDL find its effect already there: see {@code DdlReplay}.)
 */
public final class SafeMode {

  private final Position until;
  private boolean passed;

  /** @param until where the idempotent stretch ends, or null when there is none */
  public SafeMode(Position until) {
    this.until = until;
  }

  /**
   * Whether a transaction ending at {@code end} is applied idempotently. The stream only moves
   * forward, so once past {@code until} no comparison is needed.
   */
  public boolean appliesTo(Position end) {
    if (until == null || end == null || passed) {
      return false;
    }
    passed = switch (end.relativeTo(until)) {
      case BEFORE, SAME -> false;
      case AFTER -> true;
      // GTID sets neither of which contains the other: the stream has a transaction the end
      // lacks, so it is past it. Files of another base name: nothing tells, so the stream
      // stays idempotent, which is exact for keyed rows (it writes final images by key).
      case INCOMPARABLE -> end.ordersByGtids(until);
    };
    return !passed;
  }

  public String describe() {
    return until == null ? "" : ", safe mode up to " + until;
  }
}
