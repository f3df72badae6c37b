package dev.ferry.bench;

import dev.ferry.testing.DatabaseServer;
import java.sql.PreparedStatement;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Autocommit single-row updates at a steady rate ({@code perSecond}, over all writers) for
 * {@code seconds}: writer {@code w} issues its {@code j}-th update at
 * {@code (j * writers + w) / perSecond} seconds after the start, or at once when behind; at the
 * end of the period the writers stop, so a source that cannot keep up writes fewer updates.
 */
record PacedUpdates(int perSecond, int seconds, int writers) {

  /** Writes the load; returns the updates made. */
  long write(DatabaseServer source, BenchTables tables) throws Exception {
    long total = (long) perSecond * seconds;
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    return Writers.run(source, writers, (writer, connection) -> {
      PreparedStatement[] updates = AutocommitUpdates.prepare(connection);
      try {
        SplittableRandom random = new SplittableRandom(500 + writer);
        long changed = 0;
        for (long i = writer; i < total; i += writers) {
          long due = start + i * 1_000_000_000L / perSecond;
          long now = System.nanoTime();
          if (now > end) {
            break;
          }
          long wait = due - now;
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          changed += AutocommitUpdates.update(updates[(int) (i % BenchTables.COUNT)], tables,
              random, i);
        }
        return changed;
      } finally {
        for (PreparedStatement update : updates) {
          update.close();
        }
      }
    });
  }
}
