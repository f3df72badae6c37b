package dev.ferry.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The peak memory of this JVM over a measured stretch, sampled every {@value #SAMPLE_MILLIS}
 * ms: the heap in use (garbage included, so it nears the maximum whenever the collector lets
 * it), the heap live after a collection (the sum of the heap pools' usage after their last
 * collection: what the work really holds), and the resident set (VmHWM, reset through
 * {@code /proc/self/clear_refs} where Linux allows it, else the process's peak so far).
 */
final class HeapPeak implements AutoCloseable {

  private static final long SAMPLE_MILLIS = 50;
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private final boolean rssReset;
  private final Thread sampler;
  private volatile long peakUsed;
  private volatile long peakLive;
  private volatile boolean stopped;

  private HeapPeak(boolean rssReset) {
    this.rssReset = rssReset;
    this.sampler = new Thread(this::sample, "heap-peak");
    this.sampler.setDaemon(true);
  }

  /** Starts measuring. */
  static HeapPeak start() {
    boolean reset;
    try {
      Files.writeString(CLEAR_REFS, "5");
      reset = true;
    } catch (IOException | UnsupportedOperationException e) {
      reset = false;
    }
    HeapPeak peak = new HeapPeak(reset);
    peak.sampler.start();
    return peak;
  }

  private void sample() {
    while (!stopped) {
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long live = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        MemoryUsage afterCollection = pool.getCollectionUsage();
        if (pool.getType() == MemoryType.HEAP && afterCollection != null) {
          live += afterCollection.getUsed();
        }
      }
      peakUsed = Math.max(peakUsed, used);
      peakLive = Math.max(peakLive, live);
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The peaks since {@link #start}, with the heap's maximum, as text. */
  String report() throws IOException {
    String rss = "n/a";
    if (Files.exists(STATUS)) {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmHWM:")) {
          rss = String.format(Locale.ROOT, "%,d MiB%s",
              Long.parseLong(line.replaceAll("\\D", "")) >> 10,
              rssReset ? "" : " (the process's peak, not reset)");
        }
      }
    }
    return String.format(Locale.ROOT, "heap: max %,d MiB, peak in use %,d MiB, peak live after"
        + " a collection %,d MiB; peak RSS %s", Runtime.getRuntime().maxMemory() >> 20,
        peakUsed >> 20, peakLive >> 20, rss);
  }

  @Override
  public void close() {
    stopped = true;
    sampler.interrupt();
  }
}
