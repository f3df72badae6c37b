package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.RowOperation;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.metrics.Operation;
import dev.ferry.worker.metrics.SourceMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The applier's counters, updated by the submitting thread and the lanes; what they count also
 * goes to the source's {@link SourceMetrics}.
 */
final class ApplyMetrics {

  private final SourceMetrics exported;
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicReference<Instant> lastCommitTime = new AtomicReference<>();
  private final RateMeter events = new RateMeter();
  private final RateMeter rowRate = new RateMeter();

  ApplyMetrics(SourceMetrics exported) {
    this.exported = exported;
  }

  /** The metrics operation of a row change. */
  static Operation operation(RowOperation operation) {
    return switch (operation) {
      case INSERT -> Operation.INSERT;
      case UPDATE -> Operation.UPDATE;
      case DELETE -> Operation.DELETE;
    };
  }

  /** A unit arrived from the stream (a DDL counts one event). */
  void received(SourceTransaction transaction) {
    if (transaction.isDdl()) {
      exported.read(Operation.DDL, 1);
      events.add(1);
      return;
    }
    if (transaction.isSpilled()) {
      transaction.spilled().operations()
          .forEach((operation, count) -> exported.read(operation(operation), count));
    } else {
      for (RowChange change : transaction.rows()) {
        exported.read(operation(change.operation()), 1);
      }
    }
    exported.transactionRead(transaction.rowCount());
    events.add(transaction.rowCount());
  }

  void skipped() {
    skipped.incrementAndGet();
  }

  /** A DDL ran on the target, every lane drained. */
  void ddlCommitted(Instant commitTime) {
    exported.applied(Operation.DDL, 1);
    committed(1, 0, commitTime);
  }

  /**
   * A lane committed a batch of {@code transactionCount} source units with {@code operations}
   * row changes per operation, in {@code elapsed}.
   */
  void batchCommitted(long transactionCount, Map<Operation, Integer> operations,
      Duration elapsed, Instant commitTime) {
    long rowCount = 0;
    for (Map.Entry<Operation, Integer> operation : operations.entrySet()) {
      exported.applied(operation.getKey(), operation.getValue());
      rowCount += operation.getValue();
    }
    exported.batchCommitted(elapsed);
    committed(transactionCount, rowCount, commitTime);
  }

  private void committed(long transactionCount, long rowCount, Instant commitTime) {
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
