package dev.ferry.worker.cdc.apply;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The applier's counters, updated by the submitting thread and the lanes. */
final class ApplyMetrics {

  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicReference<Instant> lastCommitTime = new AtomicReference<>();
  private final RateMeter events = new RateMeter();
  private final RateMeter rowRate = new RateMeter();

  /** A unit arrived from the stream with {@code count} row changes (a DDL counts one). */
  void received(long count) {
    events.add(count);
  }

  void skipped() {
    skipped.incrementAndGet();
  }

  /** A target commit of {@code transactionCount} source units with {@code rowCount} rows. */
  void committed(long transactionCount, long rowCount, Instant commitTime) {
    commits.incrementAndGet();
    transactions.addAndGet(transactionCount);
    rows.addAndGet(rowCount);
    rowRate.add(rowCount);
    if (commitTime != null) {
      lastCommitTime.accumulateAndGet(commitTime,
          (current, next) -> current == null || next.isAfter(current) ? next : current);
    }
  }

  ApplyStats snapshot() {
    return new ApplyStats(transactions.get(), rows.get(), skipped.get(), commits.get(),
        events.perSecond(), rowRate.perSecond(), lastCommitTime.get());
  }
}
