package dev.ferry.worker.cdc.memory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * A FIFO queue bounded by the bytes its items take, not by their number: an item is admitted
 * while the queued items and it fit in the capacity, or when the queue is empty (an item larger
 * than the capacity then waits alone instead of never).
 *
 * @param <T> the items
 */
public final class ByteBoundedQueue<T> {

  private final long capacityBytes;
  private final ToLongFunction<T> weigher;
  private final Deque<Weighed<T>> items = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private long bytes;

  /** A queue of at most {@code capacityBytes}, each item taking what {@code weigher} says. */
  public ByteBoundedQueue(long capacityBytes, ToLongFunction<T> weigher) {
    if (capacityBytes < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacityBytes);
    }
    this.capacityBytes = capacityBytes;
    this.weigher = weigher;
  }

  /** Adds {@code item}, waiting while it does not fit. */
  public void put(T item) throws InterruptedException {
    long weight = Math.max(0, weigher.applyAsLong(item));
    lock.lockInterruptibly();
    try {
      while (!fits(weight)) {
        notFull.await();
      }
      add(item, weight);
    } finally {
      lock.unlock();
    }
  }

  /** Adds {@code item}, waiting at most {@code timeout} for room; whether it was added. */
  public boolean offer(T item, long timeout, TimeUnit unit) throws InterruptedException {
    long weight = Math.max(0, weigher.applyAsLong(item));
    long nanos = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      while (!fits(weight)) {
        if (nanos <= 0) {
          return false;
        }
        nanos = notFull.awaitNanos(nanos);
      }
      add(item, weight);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Takes the first item, or null when the queue is empty. */
  public T poll() {
    lock.lock();
    try {
      return take();
    } finally {
      lock.unlock();
    }
  }

  /** Takes the first item, waiting at most {@code timeout}; null when none arrived. */
  public T poll(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      while (items.isEmpty()) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      return take();
    } finally {
      lock.unlock();
    }
  }

  /** The first item without taking it, or null. */
  public T peek() {
    lock.lock();
    try {
      Weighed<T> first = items.peekFirst();
      return first == null ? null : first.item();
    } finally {
      lock.unlock();
    }
  }

  /** How many items wait. */
  public int size() {
    lock.lock();
    try {
      return items.size();
    } finally {
      lock.unlock();
    }
  }

  /** How many bytes the waiting items take. */
  public long bytes() {
    lock.lock();
    try {
      return bytes;
    } finally {
      lock.unlock();
    }
  }

  private boolean fits(long weight) {
    return items.isEmpty() || bytes + weight <= capacityBytes;
  }

  private void add(T item, long weight) {
    items.addLast(new Weighed<>(item, weight));
    bytes += weight;
    notEmpty.signal();
  }

  private T take() {
    Weighed<T> first = items.pollFirst();
    if (first == null) {
      return null;
    }
    bytes -= first.bytes();
    notFull.signalAll();
    return first.item();
  }

  private record Weighed<T>(T item, long bytes) {}
}
