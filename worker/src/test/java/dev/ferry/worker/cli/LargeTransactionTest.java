package dev.ferry.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.local.StateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 20: a source transaction larger than the worker's heap. {@code ferry run} in mode
 * Incremental runs in a child JVM with {@code -Xmx96m} (and {@code -XX:+ExitOnOutOfMemoryError},
 * as the image's launcher) while the source commits a single UPDATE of {@value #ROWS} rows and
 * then one transaction of several statements over as many rows (about 150 MB of row images
 * each in the heap, had they been held whole). Each is killed (SIGKILL) while its target
 * transaction is open: the target shows none of it, and the resumed run applies it whole; the
 * tables end equal, with no OutOfMemoryError in the run logs.
 */
class LargeTransactionTest {

  private static final int ROWS = 200_000;
  private static final Duration APPLIED = Duration.ofMinutes(3);
  private static final String CHECKSUM = "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, a,"
      + " payload))) FROM shop.big";

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private final List<Path> logs = new ArrayList<>();
  private Path dir;
  private TaskFiles files;
  private Process running;

  @AfterEach
  void stop() throws InterruptedException {
    if (running != null) {
      running.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void transactionsLargerThanTheHeapApplyWholeAcrossKills(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    createAndFill(pair.source());
    createAndFill(pair.target());
    dir = Path.of("target", "large-transaction", flavor.name()).toAbsolutePath();
    deleteTree(dir);
    Files.createDirectories(dir);
    files = new TaskFiles(dir, pair);
    Path manifest = files.write("big", "Incremental", "incremental:\n  applyThreads: 4\n");
    StateFile state = new StateFile(files.stateFile("big"));

    Process run = launch(manifest);
    awaitOrDied(run, () -> streaming(state.read()), "the stream started");
    List<Object> before = checksum(pair.source());
    pair.source().execute("UPDATE shop.big SET a = a + 1, payload = REPEAT('u', 100)");
    killWhileApplying(run, pair.target());
    assertThat(checksum(pair.target())).as("the killed target transaction left nothing")
        .isEqualTo(before);

    run = launch(manifest);
    awaitSame(run, pair, "the single UPDATE");
    List<Object> afterUpdate = checksum(pair.target());
    try (Connection source = pair.source().connect();
        Statement statement = source.createStatement()) {
      source.setAutoCommit(false);
      statement.execute("UPDATE shop.big SET a = a * 2 WHERE id % 2 = 0");
      statement.execute("DELETE FROM shop.big WHERE id % 5 = 1");
      statement.execute("INSERT INTO shop.big SELECT id + 1000000, a, payload FROM shop.big"
          + " WHERE id < 40000");
      statement.execute("UPDATE shop.big SET payload = REPEAT('m', 90) WHERE id % 3 = 0");
      source.commit();
    }
    killWhileApplying(run, pair.target());
    assertThat(checksum(pair.target())).as("the killed multi-statement transaction left nothing")
        .isEqualTo(afterUpdate);

    run = launch(manifest);
    awaitSame(run, pair, "the multi-statement transaction");
    assertThat(run.isAlive()).as("the run is still streaming; %s", logs).isTrue();
    for (Path log : logs) {
      assertThat(Files.readString(log)).as("%s", log).doesNotContain("OutOfMemoryError");
    }
  }

  /** {@value #ROWS} rows of about 130 bytes, made by joining a table of ten digits. */
  private static void createAndFill(DatabaseServer server) throws SQLException {
    server.execute("CREATE DATABASE shop",
        "CREATE TABLE shop.digits (d INT NOT NULL PRIMARY KEY)",
        "INSERT INTO shop.digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)",
        "CREATE TABLE shop.big (id INT NOT NULL PRIMARY KEY, a INT NOT NULL,"
            + " payload VARCHAR(200) NOT NULL)",
        "INSERT INTO shop.big SELECT n, n % 1000, REPEAT(CHAR(97 + n % 26), 100) FROM (SELECT"
            + " a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d AS n"
            + " FROM shop.digits a, shop.digits b, shop.digits c, shop.digits e,"
            + " shop.digits f, shop.digits g) numbers WHERE n < " + ROWS);
  }

  private static boolean streaming(MigrationTaskStatus status) {
    return status.getPhase() == Phase.Incremental && status.getCheckpoints() != null
        && !status.getCheckpoints().isEmpty();
  }

  /** Waits until the target holds a transaction open with a quarter of the rows, then kills. */
  private void killWhileApplying(Process run, DatabaseServer target) throws Exception {
    awaitOrDied(run, () -> rowsModified(target) > ROWS / 4,
        "a target transaction with " + ROWS / 4 + " rows open");
    run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  private static long rowsModified(DatabaseServer target) throws SQLException {
    Object modified = target.query("SELECT MAX(trx_rows_modified) FROM"
        + " information_schema.innodb_trx").get(0).get(0);
    return modified == null ? 0 : ((Number) modified).longValue();
  }

  private void awaitSame(Process run, DatabasePair pair, String what) throws Exception {
    List<Object> expected = checksum(pair.source());
    awaitOrDied(run, () -> checksum(pair.target()).equals(expected), what + " applied");
  }

  private static List<Object> checksum(DatabaseServer server) throws SQLException {
    return server.query(CHECKSUM).get(0).stream().map(String::valueOf)
        .map(Object.class::cast).toList();
  }

  /** Waits for {@code condition}; fails at once if the run exited (an OutOfMemoryError). */
  private void awaitOrDied(Process run, Callable<Boolean> condition, String what) {
    await().atMost(APPLIED).pollInterval(Duration.ofMillis(100))
        .until(() -> !run.isAlive() || condition.call());
    assertThat(run.isAlive()).as("the run exited before %s; %s", what, logs).isTrue();
  }

  private Process launch(Path manifest) throws IOException {
    Path log = dir.resolve("run-" + (logs.size() + 1) + ".log");
    logs.add(log);
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx96m", "-XX:+ExitOnOutOfMemoryError",
        // the spill files of the killed runs stay under target/, not in the machine's /tmp
        "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
        "-cp", System.getProperty("java.class.path"), FerryCli.class.getName(),
        "run", "-f", manifest.toString(), "--secrets-dir", files.secretsDir().toString());
    running = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return running;
  }

  private static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}
