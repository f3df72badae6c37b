package dev.ferry.worker.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PoolThreadsTest {

  @Test
  void describesTheStackOfEveryThreadOfThePoolOnly() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread adder = new Thread(() -> awaitQuietly(release), "ferry-target:connection-adder");
    Thread other = new Thread(() -> awaitQuietly(release), "ferry-source:connection-adder");
    adder.start();
    other.start();
    try {
      while (adder.getState() != Thread.State.WAITING || other.getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }
      String described = PoolThreads.describe("ferry-target");

      assertThat(described).startsWith("ferry-target:connection-adder WAITING")
          .contains(PoolThreadsTest.class.getName() + ".awaitQuietly(")
          .doesNotContain("ferry-source");
    } finally {
      release.countDown();
      adder.join();
      other.join();
    }
  }

  @Test
  void saysWhenThePoolHasNoThread() {
    assertThat(PoolThreads.describe("ferry-gone", Map.of()))
        .isEqualTo("no thread of pool ferry-gone is alive");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
