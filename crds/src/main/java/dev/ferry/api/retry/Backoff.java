package dev.ferry.api.retry;

import java.time.Duration;

/** How long to wait before the next attempt: exponential, without jitter, capped. */
public final class Backoff {

  /** Wait after the first failure of a streak. */
  public static final Duration FIRST_DELAY = Duration.ofSeconds(5);
  /** Longest wait between two attempts. */
  public static final Duration MAX_DELAY = Duration.ofMinutes(5);

  /** Doublings after which {@link #FIRST_DELAY} is past {@link #MAX_DELAY} for sure. */
  private static final int MAX_DOUBLINGS = 30;

  private Backoff() {}

  /** Wait after failed attempt number {@code attempt} (1 = first failure): 5s, 10s, 20s … 5m. */
  public static Duration delayAfter(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be 1 or more, was " + attempt);
    }
    int doublings = Math.min(attempt - 1, MAX_DOUBLINGS);
    Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }
}
