package dev.ferry.worker.cdc.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

  @Test
  void handsOverEveryItemInOrderThenNull() throws Exception {
    List<Integer> read = new ArrayList<>();
    try (ReadAhead<Integer> items = new ReadAhead<>("test-read-ahead", 2, sink -> {
      for (int i = 0; i < 100; i++) {
        sink.put(i);
      }
    })) {
      for (Integer item = items.next(); item != null; item = items.next()) {
        read.add(item);
      }
      assertThat(items.next()).isNull();
    }
    assertThat(read).hasSize(100).isSorted().startsWith(0).endsWith(99);
  }

  @Test
  void producesAtMostDepthItemsAheadOfTheConsumer() throws Exception {
    AtomicInteger produced = new AtomicInteger();
    try (ReadAhead<Integer> items = new ReadAhead<>("test-read-ahead", 2, sink -> {
      for (int i = 0; i < 10; i++) {
        sink.put(i);
        produced.incrementAndGet();
      }
    })) {
      assertThat(items.next()).isZero();
      // one taken, two waiting, the producer blocked on the fourth
      await().atMost(Duration.ofSeconds(10)).until(() -> produced.get() >= 3);
      Thread.sleep(200);
      assertThat(produced.get()).isEqualTo(3);
    }
  }

  @Test
  void throwsTheProducersFailureInsteadOfAnEnd() {
    try (ReadAhead<Integer> items = new ReadAhead<>("test-read-ahead", 1, sink -> {
      sink.put(1);
      throw new SQLException("disk gone");
    })) {
      assertThatThrownBy(() -> {
        while (items.next() != null) {
          // items before the failure may still come
        }
      }).isInstanceOf(SQLException.class).hasMessage("disk gone");
    }
  }

  @Test
  void closeStopsABlockedProducerAndWaitsForIt() {
    AtomicBoolean ended = new AtomicBoolean();
    ReadAhead<Integer> items = new ReadAhead<>("test-read-ahead", 1, sink -> {
      try {
        for (int i = 0; ; i++) {
          sink.put(i);
        }
      } finally {
        ended.set(true);
      }
    });
    items.close();
    assertThat(ended).isTrue();
  }
}
