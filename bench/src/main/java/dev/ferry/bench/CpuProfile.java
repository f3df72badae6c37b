package dev.ferry.bench;

import dev.ferry.testing.DatabaseServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where the CPU went while Ferry ran: CPU seconds of the source and target server processes, of
 * this whole JVM, and of its threads grouped by name (binlog reading and decoding, routing and
 * dispatch, apply lanes, the rest). Threads are sampled every 100 ms, so a thread that ends loses at most its last 100 ms.
 */
final class CpuProfile implements AutoCloseable {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String JVM = "jvm total (incl. GC, JIT)";

  private final Map<String, ProcessHandle> servers = new LinkedHashMap<>();
  private final Map<String, Duration> serverStart = new LinkedHashMap<>();
  private final Map<Long, Long> threadStart = new ConcurrentHashMap<>();
  private final Map<Long, Long> threadLast = new ConcurrentHashMap<>();
  private final Map<Long, String> threadNames = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final long started = System.nanoTime();
  private final boolean threads;

  /** Starts measuring the servers and this JVM; {@code watched} maps a label to a server. */
  CpuProfile(Map<String, DatabaseServer> watched) throws Exception {
    this(watched, true);
  }

  /** Starts measuring the servers, and this JVM and its threads when {@code jvm}. */
  CpuProfile(Map<String, DatabaseServer> watched, boolean jvm) throws Exception {
    this.threads = jvm;
    for (Map.Entry<String, DatabaseServer> entry : watched.entrySet()) {
      ProcessHandle process = ProcessHandle.of(pid(entry.getValue())).orElseThrow();
      servers.put(entry.getKey(), process);
      serverStart.put(entry.getKey(), cpu(process));
    }
    if (jvm) {
      servers.put(JVM, ProcessHandle.current());
      serverStart.put(JVM, cpu(ProcessHandle.current()));
      sample(true);
      sampler.scheduleAtFixedRate(() -> sample(false), 100, 100, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * The CPU seconds used since the start, by part, and the wall-clock seconds; for each process
   * also the CPU microseconds per event (row change, or copied row) of {@code events}.
   */
  String report(long events) {
    if (threads) {
      sample(false);
    }
    double wall = (System.nanoTime() - started) / 1e9;
    Map<String, Double> jvm = new LinkedHashMap<>();
    threadLast.forEach((id, last) -> {
      double seconds = (last - threadStart.getOrDefault(id, 0L)) / 1e9;
      jvm.merge(group(threadNames.get(id)), seconds, Double::sum);
    });
    StringBuilder text = new StringBuilder(String.format("cpu seconds over %.1f s wall:", wall));
    servers.forEach((label, process) -> {
      double seconds = (cpu(process).toNanos() - serverStart.get(label).toNanos()) / 1e9;
      text.append(String.format(" %s %.1f (%.0f us/event),", label, seconds,
          seconds * 1e6 / events));
    });
    jvm.forEach((group, seconds) -> text.append(String.format(" %s %.1f,", group, seconds)));
    return text.substring(0, text.length() - 1);
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }

  private void sample(boolean baseline) {
    for (ThreadInfo info : THREADS.dumpAllThreads(false, false)) {
      long id = info.getThreadId();
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu < 0) {
        continue;
      }
      threadNames.putIfAbsent(id, info.getThreadName());
      if (baseline) {
        threadStart.put(id, cpu);
      }
      threadLast.put(id, cpu);
    }
  }

  private static String group(String name) {
    if (name.startsWith("ferry-apply")) {
      return "jvm apply lanes";
    }
    if (name.startsWith("ferry-binlog") || name.startsWith("blc-")) {
      return "jvm binlog read+decode";
    }
    if (name.startsWith("ferry-spill")) {
      return "jvm large transaction read-ahead";
    }
    if (name.startsWith("ferry-cdc")) {
      return "jvm route+dispatch";
    }
    return "jvm other threads";
  }

  private static long pid(DatabaseServer server) throws SQLException, IOException {
    String file = String.valueOf(server.query("SELECT @@pid_file").get(0).get(0));
    return Long.parseLong(Files.readString(Path.of(file)).trim());
  }

  private static Duration cpu(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }
}
