package dev.ferry.worker.cdc;

import dev.ferry.api.position.Position;
import dev.ferry.worker.cdc.apply.ChangeApplier;
import dev.ferry.worker.cdc.change.SourceTransaction;
import java.time.Duration;
import java.time.Instant;

/**
 * Seconds the target is behind one source, from the source commit times of the stream: when
 * everything read is applied, the age of the newest transaction read (heartbeats keep it fresh
 * while the source is idle), and zero when there is nothing left to read and the source was
 * heard from recently; otherwise the age of the newest transaction up to which everything is
 * applied, which keeps growing while a lane is blocked or dead, and never reads zero while the
 * stream waits only for the apply.
 */
public final class LagMeter {

  private final Duration silence;
  private Position newestEnd;
  private Instant newestCommit;
  private Instant firstCommit;

  /** @param silence how long the source may be quiet and still count as heard from */
  public LagMeter(Duration silence) {
    this.silence = silence;
  }

  public void polled(SourceTransaction transaction) {
    newestEnd = transaction.end();
    newestCommit = transaction.commitTime();
    if (firstCommit == null) {
      firstCommit = transaction.commitTime();
    }
  }

  public long seconds(boolean nothingToRead, Instant lastSeen, ChangeApplier applier,
      Instant now) {
    Position applied = applier.appliedPosition();
    if (newestEnd == null || applied != null && everythingReadApplied(newestEnd, applied)) {
      if (nothingToRead && lastSeen != null
          && Duration.between(lastSeen, now).compareTo(silence) < 0) {
        return 0;
      }
      return age(newestEnd != null ? newestCommit : applier.stats().lastAppliedCommitTime(),
          now);
    }
    Instant appliedUpTo = applier.appliedCommitTime();
    long age = age(appliedUpTo != null ? appliedUpTo : firstCommit, now);
    return nothingToRead ? Math.max(1, age) : age;
  }

  private static long age(Instant reference, Instant now) {
    return reference == null ? 0 : Math.max(0, Duration.between(reference, now).toSeconds());
  }

  private static boolean everythingReadApplied(Position newestEnd, Position applied) {
    return switch (newestEnd.relativeTo(applied)) {
      case BEFORE, SAME -> true;
      case AFTER -> false;
      // GTID sets neither of which contains the other: the newest read has a transaction not
      // applied. Files of another base name: nothing tells, and the lag is read from the
      // newest transaction read.
      case INCOMPARABLE -> !newestEnd.ordersByGtids(applied);
    };
  }
}
