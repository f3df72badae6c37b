package dev.ferry.worker.cdc.apply;

/** Counts per second over the last few completed seconds. */
final class RateMeter {

  private static final int SLOTS = 6;

  private final long[] counts = new long[SLOTS];
  private final long[] seconds = new long[SLOTS];

  synchronized void add(long count) {
    long now = now();
    int slot = (int) (now % SLOTS);
    if (seconds[slot] != now) {
      seconds[slot] = now;
      counts[slot] = 0;
    }
    counts[slot] += count;
  }

  /** The average over the last {@code SLOTS - 1} completed seconds. */
  synchronized double perSecond() {
    long now = now();
    long sum = 0;
    for (int i = 0; i < SLOTS; i++) {
      long age = now - seconds[i];
      if (age >= 1 && age < SLOTS) {
        sum += counts[i];
      }
    }
    return sum / (double) (SLOTS - 1);
  }

  private static long now() {
    return System.nanoTime() / 1_000_000_000L;
  }
}
