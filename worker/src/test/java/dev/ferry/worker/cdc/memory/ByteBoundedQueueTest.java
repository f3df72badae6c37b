package dev.ferry.worker.cdc.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ByteBoundedQueueTest {

  @Test
  void blocksAtItsByteBoundNotAtACount() throws Exception {
    ByteBoundedQueue<byte[]> queue = new ByteBoundedQueue<>(1000, item -> item.length);

    for (int i = 0; i < 10; i++) {
      assertThat(queue.offer(new byte[100], 0, TimeUnit.MILLISECONDS)).as("item %d", i).isTrue();
    }
    assertThat(queue.bytes()).isEqualTo(1000);
    assertThat(queue.offer(new byte[1], 50, TimeUnit.MILLISECONDS))
        .as("one byte more than the bound").isFalse();

    queue.poll();
    assertThat(queue.offer(new byte[100], 0, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(queue.size()).isEqualTo(10);
  }

  @Test
  void holdsManySmallItemsAndFewLargeOnes() throws Exception {
    ByteBoundedQueue<byte[]> queue = new ByteBoundedQueue<>(1 << 20, item -> item.length);

    for (int i = 0; i < 5000; i++) {
      assertThat(queue.offer(new byte[10], 0, TimeUnit.MILLISECONDS)).as("small %d", i).isTrue();
    }
    assertThat(queue.size()).as("far more than a count bound of 1,024").isEqualTo(5000);

    ByteBoundedQueue<byte[]> large = new ByteBoundedQueue<>(1 << 20, item -> item.length);
    assertThat(large.offer(new byte[600_000], 0, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(large.offer(new byte[600_000], 50, TimeUnit.MILLISECONDS))
        .as("a second large item waits").isFalse();
  }

  @Test
  void admitsAnItemLargerThanTheBoundWhenEmpty() throws Exception {
    ByteBoundedQueue<byte[]> queue = new ByteBoundedQueue<>(100, item -> item.length);

    assertThat(queue.offer(new byte[500], 0, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(queue.offer(new byte[1], 20, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(queue.poll()).hasSize(500);
    assertThat(queue.bytes()).isZero();
  }

  @Test
  void aBlockedPutResumesOnceATakeMakesRoom() throws Exception {
    ByteBoundedQueue<byte[]> queue = new ByteBoundedQueue<>(100, item -> item.length);
    queue.put(new byte[80]);

    CompletableFuture<Void> put = CompletableFuture.runAsync(() -> {
      try {
        queue.put(new byte[50]);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);
    assertThat(put).as("waits while 80 + 50 > 100").isNotDone();

    assertThat(queue.poll(1, TimeUnit.SECONDS)).hasSize(80);
    put.get(5, TimeUnit.SECONDS);
    assertThat(queue.peek()).hasSize(50);
    assertThat(queue.bytes()).isEqualTo(50);
  }

  @Test
  void budgetFollowsTheHeap() {
    MemoryBudget small = MemoryBudget.of(96L << 20, 4);
    MemoryBudget large = MemoryBudget.of(4L << 30, 4);

    assertThat(small.readerQueueBytes()).isEqualTo(12L << 20);
    assertThat(small.laneQueueBytes()).isEqualTo(3L << 20);
    assertThat(small.largeTransactionBytes()).isEqualTo(3L << 20);
    assertThat(large.largeTransactionBytes()).isEqualTo(128L << 20);
    assertThat(small.chunkBytes()).isLessThanOrEqualTo(small.largeTransactionBytes());
  }
}
