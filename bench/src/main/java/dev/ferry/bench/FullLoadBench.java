package dev.ferry.bench;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.ServerOptions;
import dev.ferry.testing.StandaloneServers;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Times Ferry's full load against {@code mariadb-dump | mariadb} (and mydumper/myloader when
 * installed) between the same two MariaDB servers, on an sysbench-like table. See README.md.
 */
public final class FullLoadBench {

  private static final String TABLE = "CREATE TABLE sbtest.sbtest1 ("
      + " id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, k INT NOT NULL DEFAULT 0,"
      + " c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '', KEY k_1 (k))"
      + " ENGINE=InnoDB";

  private static final Pattern TIME = Pattern.compile("(\\d+)m([\\d.]+)s");

  private final DatabaseServer source;
  private final DatabaseServer target;
  private final long rows;
  private Duration clientsCpu = Duration.ZERO;

  private FullLoadBench(DatabaseServer source, DatabaseServer target, long rows) {
    this.source = source;
    this.target = target;
    this.rows = rows;
  }

  /**
   * {@code --rows N} (default 1000000), {@code --threads N} (default 4), {@code --chunk-rows N}
   * (default 50000), {@code --runs N} (default 2: every way is timed that many times, in turns),
   * {@code --ways ferry,dump,mydumper,floor} (Ferry always runs; the others only when listed;
   * {@code floor} is not in the default), {@code --server-args "..."} (extra arguments of both
   * servers, for example {@code --innodb-buffer-pool-size=1G}).
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    long rows = Long.parseLong(options.getOrDefault("rows", "1000000"));
    int threads = Integer.parseInt(options.getOrDefault("threads", "4"));
    int chunkRows = Integer.parseInt(options.getOrDefault("chunk-rows", "50000"));
    int runs = Integer.parseInt(options.getOrDefault("runs", "2"));
    String[] serverArgs = options.getOrDefault("server-args", "").isBlank() ? new String[0]
        : options.get("server-args").trim().split("\\s+");
    ServerOptions servers = ServerOptions.defaults().withArgs(serverArgs);
    System.out.println("server arguments beyond the defaults: " + List.of(serverArgs));
    try (StandaloneServers started = new StandaloneServers()) {
      FullLoadBench bench = new FullLoadBench(started.source(Flavor.MARIADB, servers),
          started.target(Flavor.MARIADB, servers), rows);
      bench.generate();
      Map<String, Step> ways = new LinkedHashMap<>();
      List<String> only = List.of(options.getOrDefault("ways", "ferry,dump,mydumper").split(","));
      ways.put("ferry (threads " + threads + ")", () -> bench.ferry(threads, chunkRows));
      if (only.contains("dump")) {
        ways.put("mariadb-dump | mariadb", bench::dumpAndLoad);
      }
      Path floorFiles = only.contains("floor") ? bench.floorFiles(chunkRows) : null;
      if (floorFiles != null) {
        ways.put("target floor (" + threads + " sessions)",
            () -> bench.floor(floorFiles, threads));
      }
      if (!only.contains("mydumper")) {
        System.out.println("mydumper/myloader not asked for: skipped");
      } else if (onPath("mydumper") && onPath("myloader")) {
        ways.put("mydumper + myloader", () -> bench.mydumper(chunkRows));
      } else {
        System.out.println("mydumper/myloader not installed: skipped");
      }
      Map<String, List<Double>> rates = new LinkedHashMap<>();
      try {
        for (int run = 1; run <= runs; run++) {
          for (Map.Entry<String, Step> way : ways.entrySet()) {
            rates.computeIfAbsent(way.getKey(), k -> new ArrayList<>())
                .add(bench.time(way.getKey(), way.getValue()));
          }
        }
      } finally {
        if (floorFiles != null) {
          bench.shell("rm -rf " + floorFiles);
        }
      }
      System.out.println("RESULTS (best of " + runs + ", then every run)");
      double ferry = best(rates.values().iterator().next());
      rates.forEach((name, rate) -> System.out.printf(Locale.ROOT,
          "%-28s %,10.0f rows/s  ferry is %.2fx   runs: %s%n", name, best(rate),
          ferry / best(rate), rate.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r))
              .collect(Collectors.joining(", "))));
    }
  }

  private static double best(List<Double> rates) {
    return rates.stream().max(Double::compare).orElseThrow();
  }

  private void generate() throws Exception {
    long started = System.nanoTime();
    source.execute("DROP DATABASE IF EXISTS sbtest", "CREATE DATABASE sbtest", TABLE,
        "INSERT INTO sbtest.sbtest1 (k, c, pad) SELECT FLOOR(RAND(1) * " + rows + "),"
            + " SUBSTRING(REPEAT(CONCAT(MD5(seq), '-'), 4), 1, 120),"
            + " SUBSTRING(REPEAT(SHA1(seq), 2), 1, 60) FROM sbtest.seq_1_to_" + rows);
    System.out.printf(Locale.ROOT, "generated %,d rows in %.1f s%n", rows,
        (System.nanoTime() - started) / 1e9);
    settle(source);
  }

  /**
   * Lets {@code server} write out its dirty pages and purge its undo history (up to a minute
   * each), so that the next way timed does not pay for the background work of the one before
   * (or of the generation).
   */
  private static void settle(DatabaseServer server) throws Exception {
    String before = server.variable("innodb_max_dirty_pages_pct");
    server.execute("SET GLOBAL innodb_max_dirty_pages_pct = 0");
    try {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (status(server, "Innodb_buffer_pool_pages_dirty") > 0
          && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
    } finally {
      server.execute("SET GLOBAL innodb_max_dirty_pages_pct = " + before);
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (status(server, "Innodb_history_list_length") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
  }

  private static long status(DatabaseServer server, String name) throws Exception {
    List<List<Object>> status = server.query("SHOW GLOBAL STATUS LIKE '" + name + "'");
    return Long.parseLong(String.valueOf(status.get(0).get(1)));
  }

  /**
   * Times one way of copying into the empty table and prints its rate, the load average when it
   * started, and the CPU seconds of the source and target servers, of this JVM and of the client
   * programs it ran (where the two cores went).
   */
  private double time(String name, Step step) throws Exception {
    target.execute("DROP DATABASE IF EXISTS sbtest", "DROP DATABASE IF EXISTS ferry_meta",
        "CREATE DATABASE sbtest", TABLE);
    settle(target);
    String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    Duration clientsBefore = clientsCpu;
    long started = System.nanoTime();
    String cpu;
    try (CpuProfile profile = new CpuProfile(Map.of("source", source, "target", target))) {
      step.run();
      cpu = profile.report(rows);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long history = status(target, "Innodb_history_list_length");
    Object copied = target.query("SELECT COUNT(*) FROM sbtest.sbtest1").get(0).get(0);
    if (((Number) copied).longValue() != rows) {
      throw new IllegalStateException(name + " copied " + copied + " of " + rows + " rows");
    }
    double rate = rows / seconds;
    System.out.printf(Locale.ROOT, "%-28s %8.1f s  %,12.0f rows/s  (load %s)%n  %s,"
        + " client programs %.1f; target undo history left to purge at the end: %,d%n", name,
        seconds, rate, load, cpu, clientsCpu.minus(clientsBefore).toNanos() / 1e9, history);
    return rate;
  }

  private void ferry(int threads, int chunkRows) throws Exception {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(Mode.Full);
    SourceSpec from = new SourceSpec();
    from.setName("bench");
    endpoint(from, source, "source");
    spec.getSources().add(from);
    TargetSpec to = new TargetSpec();
    endpoint(to, target, "target");
    spec.setTarget(to);
    spec.getObjects().setInclude(new ArrayList<>(List.of("sbtest")));
    spec.getSchema().setEnabled(false);
    spec.getFullLoad().setThreads(threads);
    spec.getFullLoad().setChunkRows(chunkRows);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = new TaskContext("bench/sbtest", "run-1", sink, (secret, key) ->
        key.equals("username") ? source.adminUser() : source.adminPassword());
    try (HeapPeak peak = HeapPeak.start()) {
      EnginePhases.load(context, 0, 1);
      System.out.println("  Ferry's " + peak.report());
    }
  }

  private static void endpoint(dev.ferry.api.v1alpha1.EndpointSpec spec, DatabaseServer server,
      String secret) {
    spec.setHost(server.host());
    spec.setPort(server.port());
    spec.setCredentialsSecret(secret);
    spec.getTls().setMode(TlsMode.Disabled);
  }

  private void dumpAndLoad() throws Exception {
    Path bin = source.baseDir().resolve("bin");
    shell(bin.resolve("mariadb-dump") + " " + login(source)
        + " --single-transaction --no-create-info --skip-add-locks sbtest sbtest1 | "
        + bin.resolve("mariadb") + " " + login(target) + " sbtest");
  }

  /**
   * Writes the source table, untimed, to tab-separated files of {@code chunkRows} rows ({@code
   * SELECT ... INTO OUTFILE}), each with a script that loads it in one transaction, for {@link
   * #floor}; returns their directory.
   */
  private Path floorFiles(int chunkRows) throws Exception {
    Path dir = Files.createTempDirectory("ferry-bench-floor");
    int part = 0;
    for (long first = 1; first <= rows; first += chunkRows, part++) {
      Path data = dir.resolve("part-" + part + ".tsv");
      source.execute("SELECT id, k, c, pad FROM sbtest.sbtest1 WHERE id BETWEEN " + first
          + " AND " + (first + chunkRows - 1) + " INTO OUTFILE '" + data + "'");
      Files.writeString(dir.resolve("part-" + part + ".sql"), "SET foreign_key_checks = 0;"
          + " START TRANSACTION; LOAD DATA LOCAL INFILE '" + data + "' INTO TABLE sbtest1"
          + " CHARACTER SET binary; COMMIT;\n");
    }
    return dir;
  }

  /**
   * How fast the target alone takes the rows the way Ferry writes them, with no source read and
   * no encoding in the time: the secondary index is dropped, {@code sessions} {@code mariadb}
   * clients each load one file of {@link #floorFiles} at a time (LOAD DATA LOCAL, one
   * transaction per file as Ferry commits a chunk), and the index is added back. A copy of this
   * table by any client of the target is slower on this host.
   */
  private void floor(Path files, int sessions) throws Exception {
    String client = source.baseDir().resolve("bin").resolve("mariadb") + " " + login(target)
        + " --local-infile=1 sbtest";
    target.execute("ALTER TABLE sbtest.sbtest1 DROP INDEX k_1");
    shell("ls " + files + "/*.sql | xargs -P " + sessions + " -I{} sh -c '" + client
        + " < {}'");
    target.execute("ALTER TABLE sbtest.sbtest1 ADD INDEX k_1 (k)");
  }

  /**
   * mydumper in chunks of {@code chunkRows} rows, then myloader with {@code --enable-binlog}
   * (myloader turns the target's binary log off by default; Ferry and the clients write it).
   */
  private void mydumper(int chunkRows) throws Exception {
    Path dir = Files.createTempDirectory("ferry-bench-dump");
    try {
      shell("mydumper " + mydumperLogin(source) + " -B sbtest --no-schemas"
          + " -t 4 -r " + chunkRows + " -o " + dir);
      shell("myloader " + mydumperLogin(target) + " -B sbtest -s sbtest -t 4 -e -d " + dir);
    } finally {
      shell("rm -rf " + dir);
    }
  }

  /** mydumper 0.10 has no --protocol or --skip-ssl; it reads the password from MYSQL_PWD. */
  private static String mydumperLogin(DatabaseServer server) {
    return "-h " + server.host() + " -P " + server.port() + " -u " + server.adminUser();
  }

  private static String login(DatabaseServer server) {
    return "--protocol=TCP -h " + server.host() + " -P " + server.port() + " -u "
        + server.adminUser() + " --skip-ssl";
  }

  /** Runs {@code command} in bash and adds the CPU time of its processes to clientsCpu. */
  private void shell(String command) throws IOException, InterruptedException {
    Path times = Files.createTempFile("ferry-bench-times", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c",
          command + "; status=$?; times > " + times + "; exit $status").inheritIO();
      builder.environment().put("MYSQL_PWD", source.adminPassword());
      int exit = builder.start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException("exit code " + exit + " from: " + command);
      }
      clientsCpu = clientsCpu.plus(childrenCpu(Files.readAllLines(times)));
    } finally {
      Files.deleteIfExists(times);
    }
  }

  /** The user + system time of the children in the output of bash's {@code times}. */
  private static Duration childrenCpu(List<String> times) {
    Duration total = Duration.ZERO;
    for (String time : times.get(1).trim().split("\\s+")) {
      Matcher m = TIME.matcher(time);
      if (!m.matches()) {
        throw new IllegalStateException("unexpected output of times: " + times);
      }
      total = total.plusMinutes(Long.parseLong(m.group(1)))
          .plusNanos((long) (Double.parseDouble(m.group(2)) * 1e9));
    }
    return total;
  }

  private static boolean onPath(String program) throws IOException, InterruptedException {
    return new ProcessBuilder("bash", "-c", "command -v " + program).start().waitFor() == 0;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  /** One timed way of copying the table. */
  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }
}
