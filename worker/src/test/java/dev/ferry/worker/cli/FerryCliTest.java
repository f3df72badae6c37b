package dev.ferry.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.status.CutoverAdvice;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.ReverseState;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.local.StateFile;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * The ferry command line against real source and target servers. The cheap error paths run on
 * MariaDB; the end-to-end runs on each flavour, and All mode (full load plus binlog CDC) across
 * flavours, MySQL to MariaDB, MariaDB to MySQL and MySQL 5.7 to 8.0. Orders have an INVISIBLE
 * column (which {@code SELECT *} skips; MySQL 5.7 has none, there it is visible) and, on MySQL
 * 8.0, a functional index (MariaDB and MySQL 5.7 have none).
 */
class FerryCliTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final int ROWS = 60_000;

  @TempDir
  Path dir;

  private DatabasePair pair;
  private TaskFiles files;

  /** Resets the pair and fills the source with customers and {@link #ROWS} orders. */
  private void createSourceData(Flavor source, Flavor target) throws SQLException {
    pair = dbs.pair(source, target);
    pair.reset();
    files = new TaskFiles(dir, pair);
    boolean mysql57 = source == Flavor.MYSQL57;
    String numbers = mysql57 ? "" : "WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1"
        + " FROM seq WHERE n < " + ROWS + ") ";
    String seq = mysql57 ? digitsUpTo(ROWS) : "seq";
    // MySQL 5.7 has no invisible columns: there audit is an ordinary column
    String audit = mysql57 ? " audit VARCHAR(20)" : " audit VARCHAR(20) INVISIBLE";
    List<String> statements = new ArrayList<>(List.of("CREATE DATABASE shop"));
    if (!mysql57) {
      statements.add(recursionLimit(source));
    }
    statements.addAll(List.of(
        "CREATE TABLE shop.customers (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL,"
            + " balance DECIMAL(12,2))",
        "INSERT INTO shop.customers " + numbers
            + "SELECT n, CONCAT('customer ', n), n * 1.25 FROM " + seq + " WHERE n <= 500",
        "CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, customer_id INT NOT NULL,"
            + " note VARCHAR(100), created DATETIME(6)," + audit + ")",
        "INSERT INTO shop.orders (id, customer_id, note, created, audit) " + numbers
            + "SELECT n, n % 500 + 1, REPEAT('x', n % 90),"
            + " '2024-01-01 00:00:00' + INTERVAL n SECOND, CONCAT('audit ', n) FROM " + seq));
    pair.source().execute(statements.toArray(String[]::new));
    if (source == Flavor.MYSQL) {
      // a functional index adds a hidden column on MySQL; MariaDB targets get no index
      pair.source().execute("CREATE INDEX note_start ON shop.orders ((LEFT(note, 3)))");
    }
  }

  /** MySQL stops a recursive CTE after 1000 rounds unless told otherwise; MariaDB does not. */
  private static String recursionLimit(Flavor flavor) {
    return flavor == Flavor.MYSQL ? "SET SESSION cte_max_recursion_depth = " + (ROWS + 1)
        : "SET SESSION max_recursive_iterations = " + (ROWS + 1);
  }

  /** The numbers 1 to {@code max} (at most 100,000) as a derived table, for MySQL 5.7 (no CTEs). */
  private static String digitsUpTo(int max) {
    String digit = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3"
        + " UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7"
        + " UNION ALL SELECT 8 UNION ALL SELECT 9)";
    return "(SELECT n FROM (SELECT 1 + d1.d + 10 * d2.d + 100 * d3.d + 1000 * d4.d"
        + " + 10000 * d5.d AS n FROM " + digit + " d1, " + digit + " d2, " + digit + " d3, "
        + digit + " d4, " + digit + " d5) all_n WHERE n <= " + max + ") seq";
  }

  @Test
  void invalidManifestExitsTwoWithEveryProblem() throws Exception {
    createSourceData(Flavor.MARIADB, Flavor.MARIADB);
    Path manifest = files.write("bad", "Full", """
        fullLoad:
          threads: 0
        retry:
          otherWindow: 30m
          connectionWindow: 20m
        """);
    Files.writeString(manifest, Files.readString(manifest).replace("mode: Full", "mode: Fast"));

    Result result = ferry("run", "-f", manifest.toString());

    assertThat(result.code()).isEqualTo(ExitCodes.INVALID_MANIFEST);
    assertThat(result.err()).contains("spec.mode", "Fast", "spec.fullLoad.threads",
        "spec.retry.otherWindow: 30m must be shorter than connectionWindow 20m", "3 problems");
  }

  @Test
  void missingSecretFileIsNamed() throws Exception {
    createSourceData(Flavor.MARIADB, Flavor.MARIADB);
    Path manifest = files.write("nosecret", "Full", "");
    Path password = files.secretsDir().resolve("target-credentials").resolve("password");
    Files.delete(password);

    Result result = ferry("run", "-f", manifest.toString(), "--secrets-dir",
        files.secretsDir().toString());

    assertThat(result.code()).isEqualTo(ExitCodes.INVALID_MANIFEST);
    assertThat(result.err()).contains(password.toAbsolutePath().normalize().toString())
        .contains("target-credentials");
    assertThat(result.err()).doesNotContain(pair.source().adminPassword());
  }

  @Test
  void failedPrecheckExitsThreeWithTheItems() throws Exception {
    createSourceData(Flavor.MARIADB, Flavor.MARIADB);
    pair.target().execute("CREATE DATABASE shop", "CREATE TABLE shop.customers (id INT)");
    Path manifest = files.write("conflict", "Full", "");

    Result result = ferry("run", "-f", manifest.toString(), "--secrets-dir",
        files.secretsDir().toString());

    assertThat(result.code()).isEqualTo(ExitCodes.PRECHECK_FAILED);
    assertThat(result.err()).contains("ConflictingTables", "shop.customers");
    assertThat(new StateFile(files.stateFile("conflict")).read().getPhase())
        .isEqualTo(Phase.Failed);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void fullRunCompletesAndTheStateFileRoundTrips(Flavor flavor) throws Exception {
    createSourceData(flavor, flavor);
    Path manifest = files.write("full", "Full", "");

    Result result = ferry("run", "-f", manifest.toString(), "--secrets-dir",
        files.secretsDir().toString());

    assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.DONE);
    assertThat(result.out()).as("no cutover in mode Full").doesNotContain("REVOKE");
    assertSameData();
    MigrationTaskStatus stored = new StateFile(files.stateFile("full")).read();
    assertThat(stored.getPhase()).isEqualTo(Phase.Completed);
    Result yaml = ferry("status", "-f", manifest.toString(), "-o", "yaml");
    assertThat(yaml.code()).isEqualTo(ExitCodes.DONE);
    Path copy = dir.resolve("copy.status.yaml");
    Files.writeString(copy, yaml.out());
    assertThat(Serialization.asJson(new StateFile(copy).read()))
        .isEqualTo(Serialization.asJson(stored));
    assertThat(ferry("status", "-f", manifest.toString()).out())
        .contains("Phase:", "Completed", "Full load:");

    Result equal = ferry("validate", "-f", manifest.toString(), "--secrets-dir",
        files.secretsDir().toString());
    assertThat(equal.code()).as(equal.err()).isEqualTo(ExitCodes.DONE);
    assertThat(equal.out()).contains("source and target are equal");
    pair.target().execute("UPDATE shop.orders SET note = 'changed' WHERE id = 4242");
    Result differs = ferry("validate", "-f", manifest.toString(), "--secrets-dir",
        files.secretsDir().toString());
    assertThat(differs.code()).isEqualTo(ExitCodes.DIFFERENCES);
    assertThat(differs.err()).contains("tables that differ: shop.orders", "4242");
  }

  @Test
  void ctrlCExitsWith130AndKeepsTheCheckpoint() throws Exception {
    createSourceData(Flavor.MARIADB, Flavor.MARIADB);
    Path manifest = files.write("interrupted", "Full", """
        fullLoad:
          chunkRows: 2000
          throttle:
            rowsPerSecond: 4000
        """);
    StateFile state = new StateFile(files.stateFile("interrupted"));
    Process run = launch(manifest);
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> chunksDone(state) >= 2);
      new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("stopped after Ctrl-C").isTrue();
    } finally {
      run.destroyForcibly();
    }

    assertThat(run.exitValue()).isEqualTo(ExitCodes.INTERRUPTED);
    assertThat(Files.readString(dir.resolve("first-run.log")))
        .contains("Interrupted; checkpoint saved");
    assertThat(chunksDone(state)).isGreaterThanOrEqualTo(2).isLessThan(ROWS / 2000);
  }

  @Test
  void aKilledRunResumesFromItsCheckpointAndTheDataIsEqual() throws Exception {
    createSourceData(Flavor.MARIADB, Flavor.MARIADB);
    Path manifest = files.write("killed", "Full", """
        fullLoad:
          threads: 2
          chunkRows: 2000
          throttle:
            rowsPerSecond: 15000
        """);
    StateFile state = new StateFile(files.stateFile("killed"));
    Process first = launch(manifest);
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> chunksDone(state) >= 3);
    } finally {
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    long doneWhenKilled = chunksDone(state);
    assertThat(doneWhenKilled).isLessThan(ROWS / 2000);

    Result second = ferry("run", "-f", manifest.toString(), "--secrets-dir",
        files.secretsDir().toString());

    assertThat(second.code()).as(second.err()).isEqualTo(ExitCodes.DONE);
    assertSameData();
  }

  @ParameterizedTest
  @CsvSource({"MYSQL, MARIADB", "MARIADB, MYSQL", "MYSQL57, MYSQL"})
  void allModeAcrossFlavoursWithWritesDuringTheLoadConvergesAndCutsOver(Flavor source,
      Flavor target) throws Exception {
    createSourceData(source, target);
    Path manifest = files.write("all", "All", """
        fullLoad:
          chunkRows: 5000
          throttle:
            rowsPerSecond: 30000
        incremental:
          applyThreads: 4
        validation:
          enabled: false
        """);
    StateFile state = new StateFile(files.stateFile("all"));
    Result[] result = new Result[1];
    Thread run = new Thread(() -> result[0] = ferry("run", "-f", manifest.toString(),
        "--secrets-dir", files.secretsDir().toString()));
    try (SourceWriter writer = new SourceWriter(pair.source(), ROWS + 1)) {
      run.start();
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .until(() -> state.read().getPhase() == Phase.Incremental);
      await().atMost(Duration.ofSeconds(30)).until(() -> writer.statements() > 2000);
    }
    Files.writeString(manifest, Files.readString(manifest) + "  cutover:\n    requested: true\n");
    run.join(Duration.ofSeconds(120).toMillis());

    assertThat(result[0]).as("ferry run finished").isNotNull();
    assertThat(result[0].code()).as(result[0].err()).isEqualTo(ExitCodes.DONE);
    assertSameData();
    MigrationTaskStatus status = state.read();
    assertThat(status.getPhase()).isEqualTo(Phase.Completed);
    assertThat(status.getCutover().getDrainedAt()).isNotNull();
    assertThat(result[0].out()).contains(CutoverAdvice.REVOKE_TARGET_WRITES);
  }

  @Test
  void reverseRunsAfterTheCutoverUntilTheManifestTurnsItOff() throws Exception {
    createSourceData(Flavor.MARIADB, Flavor.MARIADB);
    Path manifest = files.write("rollback", "All", """
        incremental:
          applyThreads: 2
        validation:
          enabled: false
        cutover:
          requested: true
          reverse: true
        """);
    StateFile state = new StateFile(files.stateFile("rollback"));
    Result[] result = new Result[1];
    Thread run = new Thread(() -> result[0] = ferry("run", "-f", manifest.toString(),
        "--secrets-dir", files.secretsDir().toString()));
    run.start();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> state.read().getPhase() == Phase.Reverse);
    pair.target().execute("UPDATE shop.customers SET name = 'moved back' WHERE id = 7");
    await().atMost(Duration.ofSeconds(60)).until(() -> pair.source()
        .query("SELECT name FROM shop.customers WHERE id = 7")
        .equals(List.of(List.of("moved back"))));
    Files.writeString(manifest, Files.readString(manifest).replace("reverse: true",
        "reverse: false"));
    run.join(Duration.ofSeconds(60).toMillis());

    assertThat(result[0]).as("ferry run finished once reverse was turned off").isNotNull();
    assertThat(result[0].code()).as(result[0].err()).isEqualTo(ExitCodes.DONE);
    MigrationTaskStatus status = state.read();
    assertThat(status.getPhase()).isEqualTo(Phase.Completed);
    assertThat(status.getReverse().getState()).isEqualTo(ReverseState.Stopped);
    assertThat(ferry("status", "-f", manifest.toString()).out())
        .contains("Reverse:", "Stopped into the old source src, lag 0 s, target checkpoint");
    assertSameData();
  }

  private long chunksDone(StateFile state) {
    MigrationTaskStatus status = state.read();
    return status.getFullLoad() == null || status.getFullLoad().getChunksDone() == null ? 0
        : status.getFullLoad().getChunksDone();
  }

  private Process launch(Path manifest) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FerryCli.class.getName(),
        "run", "-f", manifest.toString(), "--secrets-dir", files.secretsDir().toString()));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("first-run.log").toFile()).start();
  }

  private void assertSameData() throws SQLException {
    for (String table : List.of("shop.customers", "shop.orders")) {
      assertThat(fingerprint(pair.target(), table)).as(table)
          .isEqualTo(fingerprint(pair.source(), table));
    }
  }

  private static List<List<Object>> fingerprint(DatabaseServer server, String table)
      throws SQLException {
    return server.query("SELECT COUNT(*), SUM(CRC32(CONCAT_WS('#', " + columns(table) + ")))"
        + " FROM " + table);
  }

  private static String columns(String table) {
    return table.endsWith("customers") ? "id, name, balance"
        : "id, customer_id, note, created, audit";
  }

  private static Result ferry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = FerryCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
