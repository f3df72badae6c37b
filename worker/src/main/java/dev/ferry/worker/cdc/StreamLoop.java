package dev.ferry.worker.cdc;

import dev.ferry.worker.cdc.apply.ChangeApplier;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.cdc.read.BinlogReader;
import dev.ferry.worker.cdc.read.ReaderSettings;
import java.time.Duration;
import java.time.Instant;

/**
 * The loop of one replication stream, forward ({@link SourceReplication}) or reverse: polls the
 * binlog reader, hands each transaction to the stream, and measures the lag every {@link
 * #MEASURE_EVERY} while transactions stream in (at once when the reader is idle), telling the
 * stream so that it reports and may stop. A failed apply lane ends the loop (with its failure)
 * after the poll in which it failed, whether or not more transactions arrive. Interrupting the
 * thread ends the loop with an {@link InterruptedException}; what was applied up to then keeps
 * its committed checkpoint. The file of a spilled transaction is deleted once it was submitted
 * (or the loop ended before).
 */
public final class StreamLoop {

  /** How long one poll waits for a transaction. */
  private static final Duration POLL = Duration.ofMillis(500);
  /** How often lag and checkpoints are measured while transactions stream in. */
  private static final Duration MEASURE_EVERY = Duration.ofMillis(200);

  /** What a stream does with the loop's transactions and measures. */
  public interface Stream {

    /** Applies {@code transaction}, read at {@code now}. */
    void submit(SourceTransaction transaction, Instant now) throws Exception;

    /** Reports a measure of {@code lagSeconds} taken at {@code now}; false ends the loop. */
    boolean measured(long lagSeconds, Instant now) throws Exception;

    /**
     * After every poll, with the transaction it returned (null when the reader was idle) and the
     * last measured lag: true ends the loop.
     */
    default boolean done(SourceTransaction last, long lagSeconds) throws Exception {
      return false;
    }
  }

  private StreamLoop() {}

  /** Runs until the stream ends the loop or the thread is interrupted. */
  public static void run(BinlogReader reader, ChangeApplier applier, Stream stream)
      throws Exception {
    LagMeter lagMeter = new LagMeter(ReaderSettings.DEFAULT_HEARTBEAT.multipliedBy(3));
    Instant nextMeasure = Instant.EPOCH;
    long lag = Long.MAX_VALUE;
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("stopped");
      }
      SourceTransaction transaction = reader.poll(POLL);
      Instant now = Instant.now();
      try {
        applier.check();
        if (transaction != null) {
          lagMeter.polled(transaction);
          stream.submit(transaction, now);
        }
      } finally {
        if (transaction != null && transaction.isSpilled()) {
          transaction.spilled().delete();
        }
      }
      if (transaction == null || !now.isBefore(nextMeasure)) {
        nextMeasure = now.plus(MEASURE_EVERY);
        lag = lagMeter.seconds(transaction == null, reader.lastSeen(), applier, now);
        if (!stream.measured(lag, now)) {
          return;
        }
      }
      if (stream.done(transaction, lag)) {
        return;
      }
    }
  }
}
