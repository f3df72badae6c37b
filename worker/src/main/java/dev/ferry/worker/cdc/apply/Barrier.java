package dev.ferry.worker.cdc.apply;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A point in every lane's queue: each lane commits what came before it, then parks until the
 * coordinator releases it, so the coordinator can act (run a DDL, move every checkpoint) while no
 * lane writes.
 *
 * @param arrived counts down as lanes arrive
 * @param released opens when the coordinator is done
 */
record Barrier(CountDownLatch arrived, CountDownLatch released) implements LaneItem {

  private static final long CHECK_MILLIS = 100;

  /** A barrier for {@code lanes} lanes. */
  Barrier(int lanes) {
    this(new CountDownLatch(lanes), new CountDownLatch(1));
  }

  /** Called by a lane that reached the barrier: waits for the release. */
  void arriveAndPark() throws InterruptedException {
    arrived.countDown();
    released.await();
  }

  /** Waits until every lane arrived; {@code failureCheck} throws when a lane failed. */
  void awaitLanes(Runnable failureCheck) throws InterruptedException {
    while (!arrived.await(CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
      failureCheck.run();
    }
  }

  void release() {
    released.countDown();
  }
}
