package dev.ferry.bench;

import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.ServerOptions;
import dev.ferry.testing.StandaloneServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares Ferry's incremental phase with MariaDB's native replication applying the same binlog
 * backlog (autocommit single-row updates, and a mixed insert/update/delete workload) from one
 * MariaDB source to two MariaDB targets, then measures Ferry's end-to-end lag under a steady
 * paced load. See README.md.
 */
public final class CdcBench {

  private final DatabaseServer source;
  private final DatabaseServer ferryTarget;
  private final DatabaseServer replica;
  private final BenchTables tables;
  private final FerryReplication ferry;
  private final int runs;
  private final int parallelThreads;
  private final boolean nativeRuns;
  private final List<String> results = new ArrayList<>();
  private int taskNumber;

  private CdcBench(DatabaseServer source, DatabaseServer ferryTarget, DatabaseServer replica,
      BenchTables tables, FerryReplication ferry, int runs, int parallelThreads,
      boolean nativeRuns) {
    this.source = source;
    this.ferryTarget = ferryTarget;
    this.replica = replica;
    this.tables = tables;
    this.ferry = ferry;
    this.runs = runs;
    this.parallelThreads = parallelThreads;
    this.nativeRuns = nativeRuns;
  }

  /**
   * Options (defaults): {@code --rows 10000} rows per table, {@code --updates 200000},
   * {@code --mixed 100000}, {@code --large 0} rows in one transaction (0 skips a workload),
   * {@code --runs 2}, {@code --writers 8} source
   * clients, {@code --parallel-threads 4} for the native replica's optimistic mode,
   * {@code --apply-threads 8}, {@code --batch-size 500}, {@code --safe-mode-window 60s},
   * {@code --lag-rate 5000} events/s for {@code --lag-seconds 60} (0 skips it) from
   * {@code --lag-writers 32} clients, {@code --native on} ({@code off} skips the native replica,
   * for profiling Ferry alone).
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    long rows = number(options, "rows", 10_000);
    long updates = number(options, "updates", 200_000);
    long mixed = number(options, "mixed", 100_000);
    long large = number(options, "large", 0);
    int runs = (int) number(options, "runs", 2);
    int writers = (int) number(options, "writers", 8);
    int lagRate = (int) number(options, "lag-rate", 5_000);
    int lagSeconds = (int) number(options, "lag-seconds", 60);
    int lagWriters = (int) number(options, "lag-writers", 32);
    FerryReplication.Settings settings = new FerryReplication.Settings(
        (int) number(options, "apply-threads", 8), (int) number(options, "batch-size", 500),
        options.getOrDefault("safe-mode-window", "60s"));
    try (StandaloneServers servers = new StandaloneServers()) {
      DatabaseServer source = servers.source(Flavor.MARIADB);
      DatabaseServer ferryTarget = servers.target(Flavor.MARIADB);
      DatabaseServer replica = servers.target(Flavor.MARIADB, ServerOptions.defaults()
          .withArgs("--log-slave-updates=ON", "--skip-slave-start"));
      BenchTables tables = new BenchTables(rows);
      CdcBench bench = new CdcBench(source, ferryTarget, replica, tables,
          new FerryReplication(source, ferryTarget, settings), runs,
          (int) number(options, "parallel-threads", 4),
          !"off".equals(options.getOrDefault("native", "on")));
      System.out.printf(Locale.ROOT, "8 tables x %,d rows; Ferry %s; %s%n", rows, settings,
          source.version());
      if (updates > 0) {
        bench.backlog(new AutocommitUpdates(updates, writers));
      }
      if (mixed > 0) {
        bench.backlog(new MixedWorkload(mixed, writers));
      }
      if (large > 0) {
        bench.backlog(new LargeTransaction(large));
      }
      if (lagSeconds > 0) {
        bench.steadyLag(new PacedUpdates(lagRate, lagSeconds, lagWriters));
      }
      System.out.println();
      System.out.println("RESULTS");
      bench.results.forEach(System.out::println);
    }
  }

  private void backlog(Workload workload) throws Exception {
    tables.create(source);
    BinlogPoint from = BinlogPoint.current(source);
    long started = System.nanoTime();
    long events = workload.write(source, tables);
    double generated = (System.nanoTime() - started) / 1e9;
    BinlogPoint to = BinlogPoint.current(source);
    List<Long> expected = BenchTables.checksums(source);
    System.out.printf(Locale.ROOT, "%s: %,d row events written in %.1f s (%,.0f/s), binlog %s"
        + " .. %s%n", workload.name(), events, generated, events / generated, from, to);
    NativeReplica nativeReplica = new NativeReplica(replica, source);
    results.add(String.format(Locale.ROOT, "%-30s %3s %14s %14s %14s %8s %8s  %s %s",
        "workload", "run", "native 1 thr", "native opt " + parallelThreads, "ferry",
        "vs 1thr", "vs opt", "checksums", "loadavg"));
    for (int run = 1; run <= runs; run++) {
      String load = loadAverage();
      Applied serial = Applied.SKIPPED;
      Applied parallel = Applied.SKIPPED;
      if (nativeRuns) {
        serial = applyNative(nativeReplica, from, to, 0, "conservative", expected,
            events);
        parallel = applyNative(nativeReplica, from, to, parallelThreads, "optimistic", expected,
            events);
      }
      tables.create(ferryTarget);
      double ferrySeconds;
      String cpu;
      Map<String, Long> statementsBefore = statements(ferryTarget);
      String memory;
      try (CpuProfile profile = new CpuProfile(ferryServers());
          HeapPeak peak = HeapPeak.start()) {
        ferrySeconds = ferry.applyBacklog("bench/backlog-" + (++taskNumber), from, to);
        memory = peak.report();
        cpu = profile.report(events);
      }
      cpu += "\n  ferry target " + statementsSince(ferryTarget, statementsBefore)
          + "\n  ferry " + memory;
      boolean ferryEqual = expected.equals(BenchTables.checksums(ferryTarget));
      String row = String.format(Locale.ROOT, "%-30s %3d %9.0f ev/s %9.0f ev/s %9.0f ev/s"
              + " %7.2fx %7.2fx  %s %s", workload.name(), run, events / serial.seconds(),
          events / parallel.seconds(), events / ferrySeconds, serial.seconds() / ferrySeconds,
          parallel.seconds() / ferrySeconds,
          verdict(serial.equal(), parallel.equal(), ferryEqual), load);
      System.out.printf(Locale.ROOT, "  seconds: native 1 thread %.2f, native optimistic %d"
          + " %.2f, ferry %.2f%n  native 1 thread %s%n  native optimistic %s%n  ferry %s%n%s%n",
          serial.seconds(), parallelThreads, parallel.seconds(), ferrySeconds, serial.cpu(),
          parallel.cpu(), cpu, row);
      results.add(row);
    }
  }

  /** One native apply of the backlog: seconds, checksums equal, where the CPU went. */
  private record Applied(double seconds, boolean equal, String cpu) {
    static final Applied SKIPPED = new Applied(Double.NaN, true, "skipped");
  }

  private Applied applyNative(NativeReplica nativeReplica, BinlogPoint from, BinlogPoint to,
      int threads, String mode, List<Long> expected, long events) throws Exception {
    tables.create(replica);
    NativeReplica.Result result = nativeReplica.apply(from, to, threads, mode, events);
    return new Applied(result.seconds(), expected.equals(BenchTables.checksums(replica)),
        result.cpu());
  }

  private void steadyLag(PacedUpdates load) throws Exception {
    SteadyLag steady = new SteadyLag(source, ferryTarget, tables, ferry);
    for (int run = 1; run <= runs; run++) {
      String average = loadAverage();
      SteadyLag.Result result = steady.run("bench/lag-" + (++taskNumber), load);
      LagProbe.Lag lag = result.lag();
      String row = String.format(Locale.ROOT, "steady lag at %,d ev/s for %d s, run %d: source"
              + " %,.0f ev/s, %d marks, lag p50 %.0f ms, p99 %.0f ms, max %.0f ms -> p99 < 1 s:"
              + " %s; checksums %s; loadavg %s%n  steady lag %s", load.perSecond(), load.seconds(),
          run, result.sourceEventsPerSecond(), lag.samples(), lag.p50(), lag.p99(), lag.max(),
          lag.p99() < 1000 ? "yes" : "NO", result.tablesEqual() ? "equal" : "DIFFER", average,
          result.memory());
      System.out.println(row);
      results.add(row);
    }
  }

  /** Counters of statements and commits on {@code server}. */
  private static Map<String, Long> statements(DatabaseServer server) throws SQLException {
    Map<String, Long> counters = new LinkedHashMap<>();
    for (List<Object> row : server.query("SHOW GLOBAL STATUS WHERE Variable_name IN"
        + " ('Questions', 'Com_commit', 'Com_insert', 'Com_replace', 'Com_update', 'Com_delete',"
        + " 'Com_stmt_prepare', 'Com_stmt_execute', 'Binlog_commits', 'Binlog_group_commits',"
        + " 'Binlog_bytes_written')")) {
      counters.put(String.valueOf(row.get(0)).toLowerCase(Locale.ROOT),
          Long.parseLong(String.valueOf(row.get(1))));
    }
    return counters;
  }

  private static String statementsSince(DatabaseServer server, Map<String, Long> before)
      throws SQLException {
    StringBuilder text = new StringBuilder("statements:");
    statements(server).forEach((name, value) -> text.append(' ').append(name).append(' ')
        .append(value - before.getOrDefault(name, 0L)));
    return text.toString();
  }

  private Map<String, DatabaseServer> ferryServers() {
    Map<String, DatabaseServer> servers = new LinkedHashMap<>();
    servers.put("source", source);
    servers.put("target", ferryTarget);
    return servers;
  }

  private static String verdict(boolean... equal) {
    for (boolean each : equal) {
      if (!each) {
        return "DIFFER";
      }
    }
    return "equal";
  }

  private static String loadAverage() throws IOException {
    Path file = Path.of("/proc/loadavg");
    if (!Files.exists(file)) {
      return "n/a";
    }
    String[] fields = Files.readString(file).trim().split("\\s+");
    return fields[0] + "/" + fields[1] + "/" + fields[2];
  }

  private static long number(Map<String, String> options, String name, long fallback) {
    String value = options.get(name);
    return value == null ? fallback : Long.parseLong(value.replace("_", ""));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
