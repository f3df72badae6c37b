package dev.ferry.worker.validation;

import dev.ferry.api.position.Position;
import dev.ferry.api.v1alpha1.StatusLimits;
import dev.ferry.worker.binlog.BinlogStart;
import dev.ferry.worker.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares one chunk while CDC runs, so that changes in flight raise no false alarm. A round
 * checksums the chunk on every source of its group and reads each source's binlog position right
 * after (everything the checksum saw is before it), waits until the apply of each source has
 * committed up to that position on the target ({@link AppliedPositions}), then checksums the
 * target. {@link Recheck} decides after each round; a chunk that differs is compared again up to
 * {@link #MAX_RECHECKS} times and reported only when the target still differs from an unchanged
 * source. When the apply does not pass the position within the wait, the chunk is deferred.
 */
final class InFlightCheck {

  /** Rounds after the first before a chunk whose source keeps changing is left undecided. */
  static final int MAX_RECHECKS = 3;

  private final TableGroup.Sources sources;
  private final Database target;
  private final AppliedPositions applied;
  private final Duration applyWait;

  /**
   * @param applyWait longest wait for the apply to pass a chunk's read position
   */
  InFlightCheck(TableGroup.Sources sources, Database target, AppliedPositions applied,
      Duration applyWait) {
    this.sources = sources;
    this.target = target;
    this.applied = applied;
    this.applyWait = applyWait;
  }

  /**
   * The compared chunk: MATCHED, MISMATCHED (with its first differing keys), UNSETTLED, or
   * PENDING when the apply stayed behind the chunk's read position (deferred).
   *
   * @param tally counts the chunk's re-checks
   */
  ValidationChunk check(TableGroup group, ValidationChunk chunk, Tally tally)
      throws SQLException, InterruptedException {
    List<Recheck.Round> rounds = new ArrayList<>();
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("validation while replicating stopped");
      }
      Map<String, Position> readAt = new LinkedHashMap<>();
      Checksum source = Checksum.EMPTY;
      for (ComparedTable member : group.members()) {
        try (Connection connection = sources.connection(member)) {
          source = source.plus(Checksum.of(connection, member, chunk.range(), Side.SOURCE));
          readAt.put(member.source(), BinlogStart.current(connection));
        }
      }
      try (Connection connection = target.connection()) {
        if (!applied.await(connection, readAt, applyWait)) {
          return chunk.with(ChunkState.PENDING, List.of());
        }
        rounds.add(new Recheck.Round(source,
            Checksum.of(connection, group.first(), chunk.range(), Side.TARGET)));
        switch (Recheck.decide(rounds, MAX_RECHECKS)) {
          case MATCHED -> {
            return chunk.with(ChunkState.MATCHED, List.of());
          }
          case MISMATCHED -> {
            List<String> keys = group.keyed() ? RowDiff.differingKeys(group, sources, connection,
                chunk.range(), StatusLimits.MAX_KEYS_PER_MISMATCH) : List.of();
            return chunk.with(ChunkState.MISMATCHED, keys);
          }
          case UNSETTLED -> {
            return chunk.with(ChunkState.UNSETTLED, List.of());
          }
          case RECHECK -> {
            if (rounds.size() == 1) {
              tally.recheck();
            }
          }
        }
      }
    }
  }
}
