package dev.ferry.worker.cdc.apply;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.cdc.apply.ConflictResolution.Resolved;
import dev.ferry.worker.cdc.memory.ByteBoundedQueue;
import dev.ferry.worker.metrics.Operation;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One apply lane: a thread with its own target connection that commits the transactions
 * dispatched to it in order, grouping consecutive ones into one target transaction of at most
 * {@code batchSize} row changes, always together with its checkpoint row. A deadlock or lock
 * wait timeout rolls the batch back and tries it again a few times. A batch that meets a
 * conflict (a duplicate key, or a row count other than the source's) is rolled back and applied
 * again write by write, each conflict resolved by its table's policy (see {@link
 * ConflictResolution}). When idle, it moves its checkpoint up to the watermark at most once a
 * second, so the low watermark advances even for lanes that get no traffic. Its queue is bounded
 * in bytes of row images, not in transactions.
 */
final class Lane implements Runnable {

  private static final long POLL_MILLIS = 200;
  private static final long OFFER_MILLIS = 100;
  private static final long ADVANCE_NANOS = Duration.ofSeconds(1).toNanos();
  private static final int MAX_ATTEMPTS = 5;

  private final int index;
  private final LaneShared shared;
  private final ConflictResolution resolution;
  private final ByteBoundedQueue<LaneItem> queue;
  private volatile boolean stopped;
  private long lastWrite = System.nanoTime();

  /** Lane {@code index}, queueing at most {@code queueBytes} of row images. */
  Lane(int index, LaneShared shared, long queueBytes) {
    this.index = index;
    this.shared = shared;
    this.resolution = new ConflictResolution(shared.source(), shared.policies());
    this.queue = new ByteBoundedQueue<>(queueBytes,
        item -> item instanceof LaneWork work ? work.heapBytes() : 0);
  }

  /** Queues a transaction or a barrier; blocks while the queue is full. */
  void enqueue(LaneItem item) throws InterruptedException {
    while (!queue.offer(item, OFFER_MILLIS, TimeUnit.MILLISECONDS)) {
      shared.failure().check();
    }
  }

  /** How many transactions and barriers wait in the queue. */
  int queued() {
    return queue.size();
  }

  /** Stops after the batch in progress; queued transactions are not applied. */
  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    try (Connection connection = shared.target().connection();
        BatchWriter writer = new BatchWriter(shared.session())) {
      shared.session().apply(connection);
      while (!stopped) {
        LaneItem item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (item == null) {
          advanceIfIdle(connection);
        } else if (item instanceof Barrier barrier) {
          barrier.arriveAndPark();
        } else if (item instanceof LaneWork work) {
          commit(connection, writer, batch(work));
        }
      }
      shared.session().reset(connection);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (!stopped) {
        shared.failure().record(new FerryException(FailureClass.Other, "Applying changes of"
            + " source '" + shared.source() + "' was interrupted"));
      }
    } catch (SQLException e) {
      shared.failure().record(failure(null, e));
    } catch (FerryException e) {
      shared.failure().record(e);
    } catch (RuntimeException e) {
      shared.failure().record(new FerryException(FailureClass.Other, "Applying changes of source '"
          + shared.source() + "' failed unexpectedly: " + e, e));
    }
  }

  private List<LaneWork> batch(LaneWork first) {
    List<LaneWork> batch = new ArrayList<>();
    batch.add(first);
    int rows = first.rows();
    while (queue.peek() instanceof LaneWork next && rows + next.rows() <= shared.batchSize()) {
      queue.poll();
      batch.add(next);
      rows += next.rows();
    }
    return batch;
  }

  private void commit(Connection connection, BatchWriter writer, List<LaneWork> batch)
      throws SQLException, InterruptedException {
    List<RowWrite> writes = new ArrayList<>();
    for (LaneWork work : batch) {
      writes.addAll(work.writes());
    }
    AppliedPosition end = batch.get(batch.size() - 1).end();
    long started = System.nanoTime();
    boolean alone = false;
    List<Resolved> resolved = List.of();
    for (int attempt = 1; ; attempt++) {
      try {
        if (alone) {
          resolved = writeAlone(connection, writer, batch);
        } else {
          writer.write(connection, writes, true);
        }
        shared.checkpoints().write(connection, index, end);
        connection.commit();
        break;
      } catch (Divergence divergence) {
        rollback(connection, divergence);
        if (alone) {
          throw new IllegalStateException("a write that counts no rows reported a count",
              divergence);
        }
        alone = true;
      } catch (WriteFailure failure) {
        rollback(connection, failure);
        if (!alone && ConflictResolution.isDuplicate(failure.sqlCause())) {
          alone = true;
        } else if (!retry(failure.sqlCause(), attempt)) {
          throw failure(failure.table(), failure.sqlCause());
        }
      } catch (SQLException e) {
        rollback(connection, e);
        if (!retry(e, attempt)) {
          throw failure(null, e);
        }
      } catch (FerryException diverged) {
        rollback(connection, diverged);
        throw diverged;
      }
    }
    lastWrite = System.nanoTime();
    shared.commits().set(index, end);
    for (Resolved conflict : resolved) {
      shared.conflicts().resolved(conflict.conflict(), conflict.policy());
    }
    Map<Operation, Integer> operations = new EnumMap<>(Operation.class);
    for (LaneWork work : batch) {
      shared.pending().release(work.keys());
      shared.watermark().done(work.entry());
      work.operations().forEach((operation, count) -> operations.merge(operation, count,
          Integer::sum));
    }
    shared.metrics().batchCommitted(batch.size(), operations,
        Duration.ofNanos(lastWrite - started), end.eventTime());
  }

  /** Executes every write of {@code batch} alone, resolving conflicts by their policies. */
  private List<Resolved> writeAlone(Connection connection, BatchWriter writer,
      List<LaneWork> batch) throws WriteFailure, Divergence {
    List<Resolved> resolved = new ArrayList<>();
    for (LaneWork work : batch) {
      resolved.addAll(resolution.writeAlone(connection, writer, work.writes(), work.end()));
    }
    return resolved;
  }

  /** Moves this lane's checkpoint to the watermark when idle for a second and behind it. */
  private void advanceIfIdle(Connection connection) throws SQLException {
    if (System.nanoTime() - lastWrite < ADVANCE_NANOS) {
      return;
    }
    AppliedPosition watermark = shared.watermark().current();
    if (shared.commits().get(index).covers(watermark.position())) {
      return;
    }
    try {
      shared.checkpoints().write(connection, index, watermark);
      connection.commit();
    } catch (SQLException e) {
      rollback(connection, e);
      if (isLockConflict(e)) {
        return;
      }
      throw e;
    }
    lastWrite = System.nanoTime();
    shared.commits().set(index, watermark);
  }

  /**
   * A deadlock or lock wait timeout: the transaction was rolled back and can be tried again
   * (lanes of several sources share the checkpoint table, so their writes can collide).
   */
  static boolean isLockConflict(SQLException e) {
    return e.getErrorCode() == 1213 || e.getErrorCode() == 1205;
  }

  /** Whether to try again after a deadlock or lock wait timeout (after a short pause). */
  static boolean retry(SQLException e, int attempt) throws InterruptedException {
    if (isLockConflict(e) && attempt < MAX_ATTEMPTS) {
      Thread.sleep(50L * attempt);
      return true;
    }
    return false;
  }

  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private FerryException failure(TableRef table, SQLException e) {
    FailureClass failureClass = FailureClassifier.classify(e);
    if (failureClass == FailureClass.Connection) {
      return new FerryException(failureClass, "Lost the connection to the target while applying"
          + " changes of source '" + shared.source() + "': " + e.getMessage()
          + ". The task resumes from its checkpoint once the target is reachable again.", e);
    }
    String where = table == null ? "the target" : "target table " + table.sql();
    return new FerryException(failureClass, "Applying changes of source '" + shared.source()
        + "' to " + where + " failed: " + e.getMessage() + " (error " + e.getErrorCode() + ")."
        + " Fix the cause on the target; the task resumes from its checkpoint.", e);
  }
}
