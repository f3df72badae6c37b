package dev.ferry.bench;

import dev.ferry.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * End-to-end replication lag: a writer bumps {@code cdcbench.marker.seq} on the source every
 * 100 ms and remembers when; a reader polls the target every 5 ms and, for each marker value
 * that appeared since its last poll, records how long after its write it became visible.
 */
final class LagProbe implements AutoCloseable {

  private static final long MARK_MILLIS = 100;
  private static final long POLL_MILLIS = 5;

  private final DatabaseServer source;
  private final DatabaseServer target;
  private final ConcurrentHashMap<Long, Long> written = new ConcurrentHashMap<>();
  private final List<Double> lagMillis = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private Future<?> writer;
  private Future<?> reader;

  LagProbe(DatabaseServer source, DatabaseServer target) {
    this.source = source;
    this.target = target;
  }

  /** Starts the marker writer and the target reader. */
  void start() {
    writer = threads.submit(() -> {
      writeMarks();
      return null;
    });
    reader = threads.submit(() -> {
      readMarks();
      return null;
    });
  }

  /** Stops both threads once the last mark was seen on the target (at most 60 s more). */
  Lag stop() throws Exception {
    stopped.set(true);
    writer.get(1, TimeUnit.MINUTES);
    reader.get(2, TimeUnit.MINUTES);
    List<Double> sorted = new ArrayList<>(lagMillis);
    Collections.sort(sorted);
    return new Lag(sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.99),
        sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1));
  }

  @Override
  public void close() {
    stopped.set(true);
    threads.shutdownNow();
  }

  /** Lag percentiles in milliseconds over {@code samples} marks. */
  record Lag(int samples, double p50, double p99, double max) {}

  private void writeMarks() throws SQLException, InterruptedException {
    try (Connection connection = source.connect();
        PreparedStatement mark = connection.prepareStatement(
            "UPDATE " + BenchTables.SCHEMA + ".marker SET seq = ? WHERE id = 1")) {
      for (long seq = 1; !stopped.get(); seq++) {
        written.put(seq, System.nanoTime());
        mark.setLong(1, seq);
        mark.executeUpdate();
        Thread.sleep(MARK_MILLIS);
      }
    }
  }

  private void readMarks() throws SQLException, InterruptedException {
    long seen = 0;
    long deadline = Long.MAX_VALUE;
    try (Connection connection = target.connect();
        PreparedStatement poll = connection.prepareStatement(
            "SELECT seq FROM " + BenchTables.SCHEMA + ".marker WHERE id = 1")) {
      while (true) {
        long now;
        long current;
        try (ResultSet rs = poll.executeQuery()) {
          now = System.nanoTime();
          current = rs.next() ? rs.getLong(1) : 0;
        }
        for (long seq = seen + 1; seq <= current; seq++) {
          lagMillis.add((now - written.get(seq)) / 1e6);
        }
        seen = Math.max(seen, current);
        if (stopped.get()) {
          deadline = Math.min(deadline, System.nanoTime() + TimeUnit.MINUTES.toNanos(1));
          if (seen >= written.size() || System.nanoTime() > deadline) {
            return;
          }
        }
        Thread.sleep(POLL_MILLIS);
      }
    }
  }

  private static double percentile(List<Double> sorted, double quantile) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(quantile * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
