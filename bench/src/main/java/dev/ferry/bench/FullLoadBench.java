package dev.ferry.bench;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.StandaloneServers;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.worker.engine.TaskContext;
import dev.ferry.worker.fullload.FullLoad;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times Ferry's full load against {@code mariadb-dump | mariadb} (and mydumper/myloader when
 * installed) between the same two MariaDB servers, on an sysbench-like table. See README.md.
 */
public final class FullLoadBench {

  private static final String TABLE = "CREATE TABLE sbtest.sbtest1 ("
      + " id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, k INT NOT NULL DEFAULT 0,"
      + " c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '', KEY k_1 (k))"
      + " ENGINE=InnoDB";

  private final DatabaseServer source;
  private final DatabaseServer target;
  private final long rows;

  private FullLoadBench(DatabaseServer source, DatabaseServer target, long rows) {
    this.source = source;
    this.target = target;
    this.rows = rows;
  }

  /** {@code --rows N} (default 1000000), {@code --threads N} (default 4). */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    long rows = Long.parseLong(options.getOrDefault("rows", "1000000"));
    int threads = Integer.parseInt(options.getOrDefault("threads", "4"));
    int chunkRows = Integer.parseInt(options.getOrDefault("chunk-rows", "50000"));
    try (StandaloneServers servers = new StandaloneServers()) {
      FullLoadBench bench = new FullLoadBench(servers.source(Flavor.MARIADB),
          servers.target(Flavor.MARIADB), rows);
      bench.generate();
      Map<String, Double> rates = new LinkedHashMap<>();
      rates.put("ferry", bench.time("ferry (threads " + threads + ")",
          () -> bench.ferry(threads, chunkRows)));
      rates.put("mariadb-dump", bench.time("mariadb-dump | mariadb", bench::dumpAndLoad));
      if (onPath("mydumper") && onPath("myloader")) {
        rates.put("myloader", bench.time("mydumper + myloader", bench::mydumper));
      } else {
        System.out.println("mydumper/myloader not installed: skipped");
      }
      double ferry = rates.get("ferry");
      rates.forEach((name, rate) -> System.out.printf(Locale.ROOT,
          "%-14s %,12.0f rows/s   ferry is %.2fx%n", name, rate, ferry / rate));
    }
  }

  private void generate() throws Exception {
    long started = System.nanoTime();
    source.execute("DROP DATABASE IF EXISTS sbtest", "CREATE DATABASE sbtest", TABLE,
        "INSERT INTO sbtest.sbtest1 (k, c, pad) SELECT FLOOR(RAND(1) * " + rows + "),"
            + " SUBSTRING(REPEAT(CONCAT(MD5(seq), '-'), 4), 1, 120),"
            + " SUBSTRING(REPEAT(SHA1(seq), 2), 1, 60) FROM sbtest.seq_1_to_" + rows);
    System.out.printf(Locale.ROOT, "generated %,d rows in %.1f s%n", rows,
        (System.nanoTime() - started) / 1e9);
  }

  private double time(String name, Step step) throws Exception {
    target.execute("DROP DATABASE IF EXISTS sbtest", "DROP DATABASE IF EXISTS ferry_meta",
        "CREATE DATABASE sbtest", TABLE);
    long started = System.nanoTime();
    step.run();
    double seconds = (System.nanoTime() - started) / 1e9;
    Object copied = target.query("SELECT COUNT(*) FROM sbtest.sbtest1").get(0).get(0);
    if (((Number) copied).longValue() != rows) {
      throw new IllegalStateException(name + " copied " + copied + " of " + rows + " rows");
    }
    double rate = rows / seconds;
    System.out.printf(Locale.ROOT, "%-28s %8.1f s  %,12.0f rows/s%n", name, seconds, rate);
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
    TaskContext context = new TaskContext("bench/sbtest", sink, (secret, key) ->
        key.equals("username") ? source.adminUser() : source.adminPassword());
    FullLoad.run(context, 0, 1);
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

  private void mydumper() throws Exception {
    Path dir = Files.createTempDirectory("ferry-bench-dump");
    try {
      shell("mydumper " + login(source).replace("--skip-ssl", "") + " -B sbtest -T sbtest1"
          + " --no-schemas -t 4 -o " + dir);
      shell("myloader " + login(target).replace("--skip-ssl", "") + " -B sbtest -t 4 -d " + dir);
    } finally {
      shell("rm -rf " + dir);
    }
  }

  private static String login(DatabaseServer server) {
    return "--protocol=TCP -h " + server.host() + " -P " + server.port() + " -u "
        + server.adminUser() + " --skip-ssl";
  }

  private void shell(String command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", command)
        .inheritIO();
    builder.environment().put("MYSQL_PWD", source.adminPassword());
    int exit = builder.start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("exit code " + exit + " from: " + command);
    }
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
