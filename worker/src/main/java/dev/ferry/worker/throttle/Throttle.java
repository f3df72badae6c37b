package dev.ferry.worker.throttle;

import dev.ferry.api.v1alpha1.ThrottleSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Rows/s and bytes/s limits of the full load or the incremental apply (Bucket4j token buckets,
 * one second of burst).
 * The limits are re-read from the spec at most once a second, so a change made while the load
 * runs takes effect within about a second; zero or absent means unlimited.
 */
public final class Throttle {

  private static final long REFRESH_NANOS = Duration.ofSeconds(1).toNanos();

  private final Supplier<ThrottleSpec> spec;
  private final Limit rows = new Limit();
  private final Limit bytes = new Limit();
  private long refreshedAt;

  /** A throttle following {@code spec}, re-read about once a second. */
  public Throttle(Supplier<ThrottleSpec> spec) {
    this.spec = spec;
    refresh();
  }

  /** Waits until {@code rowCount} rows of {@code byteCount} bytes may be written. */
  public void acquire(long rowCount, long byteCount) throws InterruptedException {
    consume(rows, rowCount);
    consume(bytes, byteCount);
  }

  /** Takes {@code amount} in pieces of a tenth of a second, re-reading the limits between. */
  private void consume(Limit limit, long amount) throws InterruptedException {
    long left = amount;
    while (left > 0) {
      refreshIfDue();
      left -= limit.consumePiece(left);
    }
  }

  private synchronized void refreshIfDue() {
    if (System.nanoTime() - refreshedAt >= REFRESH_NANOS) {
      refresh();
    }
  }

  private synchronized void refresh() {
    ThrottleSpec current = spec.get();
    Long rowLimit = current == null ? null : current.getRowsPerSecond();
    long byteLimit = current == null || current.getBytesPerSecond() == null ? 0
        : Quantity.getAmountInBytes(current.getBytesPerSecond()).longValue();
    rows.set(rowLimit == null ? 0 : rowLimit);
    bytes.set(byteLimit);
    refreshedAt = System.nanoTime();
  }

  /** One limit; a rate of 0 means none. */
  private static final class Limit {
    private Bucket bucket;
    private long rate;

    synchronized void set(long perSecond) {
      if (perSecond == rate) {
        return;
      }
      rate = perSecond;
      if (perSecond <= 0) {
        bucket = null;
      } else if (bucket == null) {
        bucket = Bucket.builder().addLimit(limit -> limit.capacity(perSecond)
            .refillGreedy(perSecond, Duration.ofSeconds(1))).build();
      } else {
        bucket.replaceConfiguration(BucketConfiguration.builder().addLimit(limit -> limit
                .capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1))).build(),
            TokensInheritanceStrategy.PROPORTIONALLY);
      }
    }

    /** Waits for at most a tenth of a second's worth of {@code wanted}; returns how much. */
    long consumePiece(long wanted) throws InterruptedException {
      Bucket current;
      long piece;
      synchronized (this) {
        current = bucket;
        piece = Math.min(wanted, Math.max(1, rate / 10));
      }
      if (current == null) {
        return wanted;
      }
      current.asBlocking().consume(piece);
      return piece;
    }
  }
}
