package dev.ferry.worker.cdc.apply;

import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a producer on its own thread at most {@code depth} items ahead of the one consumer, so
 * that reading and preparing the next chunks of a spilled transaction overlaps with writing the
 * current one on the target. The heap holds at most {@code depth + 2} items at once (the
 * waiting ones, the one the producer builds, the one the consumer writes). A failure of the
 * producer is thrown by the consumer's next {@link #next()}; {@link #close()} stops the producer
 * and waits for its thread to end, so nothing it uses is touched after.
 */
final class ReadAhead<T> implements AutoCloseable {

  /** Produces the items, in order, into {@code sink}. */
  @FunctionalInterface
  interface Producer<T> {
    void run(Sink<T> sink) throws SQLException;
  }

  /** Where the producer puts its items; blocks while the consumer is {@code depth} behind. */
  @FunctionalInterface
  interface Sink<T> {
    void put(T item);
  }

  private static final long POLL_MILLIS = 100;
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean closed;
  /** Whether the consumer took the end (read by the consumer's thread only). */
  private boolean ended;

  ReadAhead(String name, int depth, Producer<T> producer) {
    this.queue = new ArrayBlockingQueue<>(depth);
    this.thread = new Thread(() -> run(producer), name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run(Producer<T> producer) {
    try {
      producer.run(item -> put(item));
      put(END);
    } catch (Stopped stopped) {
      // closed by the consumer
    } catch (Throwable e) {
      failure = e;
    }
  }

  private void put(Object item) {
    try {
      if (!closed) {
        queue.put(item);
        return;
      }
    } catch (InterruptedException e) {
      // closed by the consumer
    }
    throw new Stopped();
  }

  /**
   * The next item, or null after the last one.
   *
   * @throws SQLException the producer's failure, or an interruption while waiting
   */
  @SuppressWarnings("unchecked")
  T next() throws SQLException {
    while (!ended) {
      rethrow();
      Object item;
      try {
        item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while reading back a large transaction", e);
      }
      if (item == END) {
        ended = true;
      } else if (item != null) {
        return (T) item;
      } else if (!thread.isAlive() && queue.isEmpty()) {
        rethrow();
        throw new IllegalStateException(thread.getName() + " ended before its last item");
      }
    }
    return null;
  }

  private void rethrow() throws SQLException {
    Throwable failed = failure;
    if (failed instanceof SQLException e) {
      throw e;
    }
    if (failed instanceof RuntimeException e) {
      throw e;
    }
    if (failed instanceof Error e) {
      throw e;
    }
  }

  /** Stops the producer (what it has not handed over is dropped) and waits for its end. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    queue.clear();
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Thrown through the producer once the consumer closed. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }
}
