package dev.ferry.bench;

import dev.ferry.api.v1alpha1.EndpointSpec;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
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
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times a task of mode Full (precheck, schema, full load, validation) over one schema of many
 * small tables (one database per customer is a common SaaS layout) against {@code mariadb-dump
 * --databases | mariadb} of the same schema, on two MariaDB 11.4 servers, for each table count
 * of {@code --tables} (default {@code 1000,10000}); prints both times, their ratio, each one's
 * growth from the first count to the last, the size of the task's status, and the peak heap and
 * resident set of the Ferry run (the bench's JVM, which runs the worker in-process). {@code
 * --flavor MYSQL} (or {@code MYSQL57}) runs Ferry alone between two servers of that flavour:
 * their test binaries carry no dump client.
 */
public final class ManyTablesBench {

  private static final String SCHEMA = "saas";

  private final DatabaseServer source;
  private final DatabaseServer target;

  private ManyTablesBench(DatabaseServer source, DatabaseServer target) {
    this.source = source;
    this.target = target;
  }

  /**
   * {@code --tables 1000,10000}: the table counts, each a separate round; {@code --flavor
   * MARIADB} (default), {@code MYSQL} or {@code MYSQL57}: the servers'; {@code --server-args
   * "..."}: arguments both servers get after the test defaults (for example a table cache sized
   * for the table count).
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(Map.of("--tables", "1000,10000",
        "--flavor", Flavor.MARIADB.name(), "--server-args", ""));
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!options.containsKey(args[i])) {
        throw new IllegalArgumentException("unknown option " + args[i]
            + "; the options are --tables, --flavor and --server-args");
      }
      options.put(args[i], args[i + 1]);
    }
    List<Integer> counts = new ArrayList<>();
    for (String count : options.get("--tables").split(",")) {
      counts.add(Integer.parseInt(count.trim()));
    }
    Flavor flavor = Flavor.valueOf(options.get("--flavor"));
    String serverArgs = options.get("--server-args").trim();
    ServerOptions servers = serverArgs.isEmpty() ? ServerOptions.defaults()
        : ServerOptions.defaults().withArgs(serverArgs.split("\\s+"));
    System.out.println("servers: " + flavor + ", arguments beyond the defaults: "
        + servers.args());
    try (StandaloneServers started = new StandaloneServers()) {
      ManyTablesBench bench = new ManyTablesBench(started.source(flavor, servers),
          started.target(flavor, servers));
      Map<Integer, double[]> results = new LinkedHashMap<>();
      for (int count : counts) {
        bench.generate(count);
        double dump = flavor == Flavor.MARIADB ? bench.dumpAndLoad(count) : Double.NaN;
        double[] ferry = bench.ferry(count);
        results.put(count, new double[] {ferry[0], ferry[1], dump, ferry[2]});
      }
      System.out.println("RESULTS (mode Full: precheck + schema + full load; + validation)");
      results.forEach((count, r) -> System.out.printf(Locale.ROOT,
          "%,7d tables: ferry %.1f s (%.1f s with validation), mariadb-dump | mariadb %.1f s,"
              + " ferry's time / the dump's %.2f (%.2f with validation), status %,.0f bytes%n",
          count, r[0], r[1], r[2], r[0] / r[2], r[1] / r[2], r[3]));
      if (results.size() > 1) {
        double[] first = results.get(counts.get(0));
        double[] last = results.get(counts.get(counts.size() - 1));
        System.out.printf(Locale.ROOT, "growth %,d -> %,d tables (x%.0f): ferry x%.1f (x%.1f with"
            + " validation), mariadb-dump | mariadb x%.1f, status x%.2f%n", counts.get(0),
            counts.get(counts.size() - 1), (double) counts.get(counts.size() - 1) / counts.get(0),
            last[0] / first[0], last[1] / first[1], last[2] / first[2], last[3] / first[3]);
      }
    }
  }

  /** A source schema of {@code count} tables of three rows, each with a secondary index. */
  private void generate(int count) throws Exception {
    long started = System.nanoTime();
    source.execute("DROP DATABASE IF EXISTS " + SCHEMA, "CREATE DATABASE " + SCHEMA);
    List<String> statements = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String table = String.format(Locale.ROOT, "%s.t%05d", SCHEMA, i);
      statements.add("CREATE TABLE " + table + " (id INT PRIMARY KEY, customer INT,"
          + " note VARCHAR(40), created DATETIME(6), KEY by_customer (customer))");
      statements.add("INSERT INTO " + table + " VALUES (1, 7, 'first', NOW(6)),"
          + " (2, 8, 'second', NOW(6)), (3, 7, NULL, NULL)");
    }
    source.execute(statements.toArray(String[]::new));
    System.out.printf(Locale.ROOT, "source: %,d tables created in %.1f s%n", count,
        (System.nanoTime() - started) / 1e9);
  }

  private void emptyTarget() throws Exception {
    target.execute("DROP DATABASE IF EXISTS " + SCHEMA, "DROP DATABASE IF EXISTS ferry_meta");
  }

  /** {@code mariadb-dump --databases saas | mariadb}, schema and rows; the seconds it took. */
  private double dumpAndLoad(int count) throws Exception {
    emptyTarget();
    Path bin = source.baseDir().resolve("bin");
    long started = System.nanoTime();
    String command = bin.resolve("mariadb-dump") + " " + login(source)
        + " --single-transaction --databases " + SCHEMA + " | " + bin.resolve("mariadb") + " "
        + login(target);
    ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", command)
        .inheritIO();
    builder.environment().put("MYSQL_PWD", source.adminPassword());
    int exit = builder.start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("exit code " + exit + " from: " + command);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "%,d tables: mariadb-dump | mariadb %.1f s%n", count, seconds);
    return seconds;
  }

  /**
   * Mode Full into the empty target; the seconds without and with validation, and the status
   * size in bytes (as JSON, the way the API server stores it).
   */
  private double[] ferry(int count) throws Exception {
    emptyTarget();
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(Mode.Full);
    SourceSpec from = new SourceSpec();
    from.setName("saas");
    endpoint(from, source);
    spec.getSources().add(from);
    TargetSpec to = new TargetSpec();
    endpoint(to, target);
    spec.setTarget(to);
    spec.getObjects().setInclude(new ArrayList<>(List.of(SCHEMA)));
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = new TaskContext("bench/saas-" + count, "run-1", sink, (secret, key) ->
        key.equals("username") ? source.adminUser() : source.adminPassword());
    EnginePhases phases = new EnginePhases();
    StringBuilder line = new StringBuilder();
    long started = System.nanoTime();
    double withoutValidation = 0;
    String memory;
    try (HeapPeak peak = HeapPeak.start()) {
      for (Phase phase
          : List.of(Phase.Precheck, Phase.Schema, Phase.FullLoad, Phase.Validation)) {
        long phaseStarted = System.nanoTime();
        if (phase == Phase.Validation) {
          withoutValidation = (phaseStarted - started) / 1e9;
        }
        phases.run(phase, context);
        line.append(String.format(Locale.ROOT, " %s %.1f s", phase,
            (System.nanoTime() - phaseStarted) / 1e9));
      }
      memory = peak.report();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long made = ((Number) target.query("SELECT COUNT(*) FROM information_schema.TABLES"
        + " WHERE TABLE_SCHEMA = '" + SCHEMA + "'").get(0).get(0)).longValue();
    if (made != count) {
      throw new IllegalStateException("ferry made " + made + " of " + count + " tables");
    }
    int status = Serialization.asJson(sink.status()).getBytes(StandardCharsets.UTF_8).length;
    System.out.printf(Locale.ROOT, "%,d tables: ferry%s, %.1f s in all; status %,d bytes;"
        + " ferry's %s%n", count, line, seconds, status, memory);
    return new double[] {withoutValidation, seconds, status};
  }

  private static void endpoint(EndpointSpec spec, DatabaseServer server) {
    spec.setHost(server.host());
    spec.setPort(server.port());
    spec.setCredentialsSecret("secret");
    spec.getTls().setMode(TlsMode.Disabled);
  }

  private static String login(DatabaseServer server) {
    return "--protocol=TCP -h " + server.host() + " -P " + server.port() + " -u "
        + server.adminUser() + " --skip-ssl";
  }
}
