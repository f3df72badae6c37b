package dev.ferry.bench;

import dev.ferry.testing.DatabaseServer;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a writer body on several threads, each with its own connection, and sums their counts. */
final class Writers {

  /** What one writer thread does; returns how many row changes it made. */
  @FunctionalInterface
  interface Body {
    long run(int writer, Connection connection) throws Exception;
  }

  private Writers() {}

  /** Runs {@code body} on {@code threads} threads against {@code server}; waits for all. */
  static long run(DatabaseServer server, int threads, Body body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        int writer = w;
        futures.add(pool.submit(() -> {
          try (Connection connection = server.connect()) {
            return body.run(writer, connection);
          }
        }));
      }
      long total = 0;
      for (Future<Long> future : futures) {
        try {
          total += future.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A 120-character filler derived from {@code seed}. */
  static String filler(long seed) {
    String hex = Long.toHexString(seed * 0x9E3779B97F4A7C15L);
    StringBuilder text = new StringBuilder(120);
    while (text.length() < 120) {
      text.append(hex).append('-');
    }
    return text.substring(0, 120);
  }
}
