package dev.ferry.worker.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.ThrottleSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The byte limit, the absence of limits, and limit changes, without a database. */
class ThrottleTest {

  @Test
  void bytesPerSecondLimitHolds() throws Exception {
    ThrottleSpec spec = new ThrottleSpec();
    spec.setBytesPerSecond(new Quantity("100Ki"));
    Throttle throttle = new Throttle(() -> spec);

    long started = System.nanoTime();
    for (int i = 0; i < 30; i++) {
      throttle.acquire(1, 10 * 1024);
    }

    // 300 KiB at 100 KiB/s with one second of burst: at least 2 s
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThan(Duration.ofMillis(1800));
  }

  @Test
  void noLimitDoesNotWait() throws Exception {
    Throttle throttle = new Throttle(ThrottleSpec::new);

    long started = System.nanoTime();
    throttle.acquire(10_000_000, 1L << 40);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void loweredLimitTakesEffectWithinASecond() throws Exception {
    AtomicReference<ThrottleSpec> spec = new AtomicReference<>(new ThrottleSpec());
    Throttle throttle = new Throttle(spec::get);
    throttle.acquire(1_000_000, 0);
    ThrottleSpec slow = new ThrottleSpec();
    slow.setRowsPerSecond(1000L);
    spec.set(slow);
    Thread.sleep(1100);

    long started = System.nanoTime();
    throttle.acquire(3000, 0);

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThan(Duration.ofMillis(1800));
  }
}
