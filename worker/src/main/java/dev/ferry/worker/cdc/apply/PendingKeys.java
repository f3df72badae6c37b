package dev.ferry.worker.cdc.apply;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The causality keys of transactions dispatched to a lane and not yet committed. A key is held
 * by at most one lane at a time: a transaction whose key is held by another lane waits until
 * that lane has committed every transaction holding it, so changes of one key are applied in
 * binlog order whatever lanes they use.
 */
final class PendingKeys {

  private static final long CHECK_MILLIS = 100;

  private final Map<String, Holder> held = new HashMap<>();

  /**
   * Waits until no other lane holds any of {@code keys}, then holds them for {@code lane}.
   * {@code failureCheck} runs while waiting and throws when the applier failed.
   */
  synchronized void acquire(Collection<String> keys, int lane, Runnable failureCheck)
      throws InterruptedException {
    while (heldElsewhere(keys, lane)) {
      failureCheck.run();
      wait(CHECK_MILLIS);
    }
    for (String key : keys) {
      held.computeIfAbsent(key, k -> new Holder(lane)).count++;
    }
  }

  /** Releases keys acquired earlier, once their transaction is committed. */
  synchronized void release(Collection<String> keys) {
    for (String key : keys) {
      Holder holder = held.get(key);
      if (--holder.count == 0) {
        held.remove(key);
      }
    }
    notifyAll();
  }

  private boolean heldElsewhere(Collection<String> keys, int lane) {
    for (String key : keys) {
      Holder holder = held.get(key);
      if (holder != null && holder.lane != lane) {
        return true;
      }
    }
    return false;
  }

  private static final class Holder {
    private final int lane;
    private int count;

    private Holder(int lane) {
      this.lane = lane;
    }
  }
}
