package dev.ferry.worker.cdc.apply;

import java.util.ArrayDeque;

/**
 * The position up to which every submitted transaction is done (committed on the target, skipped
 * as already applied, or filtered out entirely), in memory. Transactions are registered in
 * binlog order and may finish in any order; the watermark only moves forward.
 */
final class Watermark {

  private final ArrayDeque<Entry> pending = new ArrayDeque<>();
  private AppliedPosition current;

  Watermark(AppliedPosition start) {
    this.current = start;
  }

  /** Registers the next transaction in binlog order; call {@link #done} once it is finished. */
  synchronized Entry register(AppliedPosition end) {
    Entry entry = new Entry(end);
    pending.addLast(entry);
    return entry;
  }

  /** Marks a registered transaction finished and advances over every finished prefix. */
  synchronized void done(Entry entry) {
    entry.done = true;
    while (!pending.isEmpty() && pending.peekFirst().done) {
      current = pending.pollFirst().end;
    }
  }

  synchronized AppliedPosition current() {
    return current;
  }

  /** One registered transaction. */
  static final class Entry {
    private final AppliedPosition end;
    private boolean done;

    private Entry(AppliedPosition end) {
      this.end = end;
    }

    AppliedPosition end() {
      return end;
    }
  }
}
