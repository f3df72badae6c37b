package dev.ferry.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.local.StateFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * A manifest run again from nothing (its target database and state file removed) is a new run:
 * it copies everything again instead of finding the first run's ledger; {@code ferry cleanup}
 * lists the first run as stale and removes it, and nothing with {@code --dry-run}.
 */
class RunAgainAndCleanupTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final int ROWS = 3000;

  @TempDir
  Path dir;

  private DatabasePair pair;
  private TaskFiles files;
  private Path manifest;

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void theSameManifestRunAgainFromNothingCopiesEverythingAgain(Flavor flavor) throws Exception {
    runTwiceFromNothing(flavor);

    assertThat(pair.target().query("SELECT COUNT(*), SUM(CRC32(CONCAT_WS('#', id, v)))"
        + " FROM again.items"))
        .isEqualTo(pair.source().query("SELECT COUNT(*), SUM(CRC32(CONCAT_WS('#', id, v)))"
            + " FROM again.items"))
        .containsExactly(List.of((long) ROWS, pair.source().query(
            "SELECT SUM(CRC32(CONCAT_WS('#', id, v))) FROM again.items").get(0).get(0)));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void cleanupListsAndRemovesTheStaleRunOnlyAndNothingOnADryRun(Flavor flavor)
      throws Exception {
    String firstRun = runTwiceFromNothing(flavor);
    String currentRun = new StateFile(files.stateFile("again")).storedRunId().orElseThrow();
    assertThat(currentRun).isNotEqualTo(firstRun);
    long firstRows = stateRows("default/again@" + firstRun);
    long currentRows = stateRows("default/again@" + currentRun);
    assertThat(firstRows).isPositive();
    assertThat(currentRows).isPositive();

    Result dryRun = ferry("cleanup", "-f", manifest.toString(), "--secrets-dir",
        files.secretsDir().toString(), "--all-stale", "--dry-run");

    assertThat(dryRun.code()).as(dryRun.err()).isEqualTo(ExitCodes.DONE);
    assertThat(dryRun.out()).containsPattern("default/again +" + firstRun + " +" + firstRows
        + " rows +stale").containsPattern("default/again +" + currentRun + " +" + currentRows
        + " rows +current").contains("Would remove run '" + firstRun + "'",
        "DELETE FROM `ferry_meta`.`fullload_chunks` WHERE task_id = 'default/again@" + firstRun
            + "'", "Dry run: nothing removed");
    assertThat(stateRows("default/again@" + firstRun)).isEqualTo(firstRows);

    Result refused = ferry("cleanup", "-f", manifest.toString(), "--secrets-dir",
        files.secretsDir().toString(), "--run", currentRun);
    assertThat(refused.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("is the current run");

    Result cleanup = ferry("cleanup", "-f", manifest.toString(), "--secrets-dir",
        files.secretsDir().toString(), "--all-stale");

    assertThat(cleanup.code()).as(cleanup.err()).isEqualTo(ExitCodes.DONE);
    assertThat(cleanup.out()).contains("Removing run '" + firstRun + "'",
        "Removed " + firstRows + " rows of 1 stale run(s)");
    assertThat(stateRows("default/again@" + firstRun)).isZero();
    assertThat(stateRows("default/again@" + currentRun)).isEqualTo(currentRows);
    pair.source().execute("CREATE TRIGGER again.ferry_fence_test_i BEFORE INSERT ON again.items"
        + " FOR EACH ROW SET @fenced = 1");
    Result listing = ferry("cleanup", "-f", manifest.toString(), "--secrets-dir",
        files.secretsDir().toString());
    assertThat(listing.out()).doesNotContain(firstRun).contains(currentRun, "current",
        "source src: fence trigger again.ferry_fence_test_i",
        "DROP TRIGGER `again`.`ferry_fence_test_i`");
  }

  /** Runs the manifest, removes target database and state file, runs it again; the 1st run id. */
  private String runTwiceFromNothing(Flavor flavor) throws Exception {
    pair = dbs.pair(flavor, flavor);
    pair.reset();
    files = new TaskFiles(dir, pair);
    pair.source().execute("CREATE DATABASE again",
        "CREATE TABLE again.items (id INT PRIMARY KEY, v VARCHAR(40))");
    StringBuilder insert = new StringBuilder("INSERT INTO again.items VALUES ");
    for (int id = 1; id <= ROWS; id++) {
      insert.append(id == 1 ? "" : ",").append("(").append(id).append(", 'item ").append(id)
          .append("')");
    }
    pair.source().execute(insert.toString());
    manifest = files.write("again", "Full", "fullLoad:\n  chunkRows: 1000\n");

    Result first = run();
    assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.DONE);
    assertThat(count(pair.target())).isEqualTo(ROWS);
    String firstRun = new StateFile(files.stateFile("again")).storedRunId().orElseThrow();

    pair.target().execute("DROP DATABASE again");
    Files.delete(files.stateFile("again"));
    Result second = run();

    assertThat(second.code()).as(second.out() + second.err()).isEqualTo(ExitCodes.DONE);
    assertThat(count(pair.target())).as("the second run copied everything again")
        .isEqualTo(ROWS);
    return firstRun;
  }

  private Result run() {
    return ferry("run", "-f", manifest.toString(), "--secrets-dir",
        files.secretsDir().toString());
  }

  private static long count(DatabaseServer server) throws SQLException {
    return ((Number) server.query("SELECT COUNT(*) FROM again.items").get(0).get(0)).longValue();
  }

  private long stateRows(String key) throws SQLException {
    long rows = 0;
    for (String table : List.of("fullload_chunks", "schema_objects", "fullload_indexes",
        "validation_chunks", "copy_boundaries")) {
      List<List<Object>> found = pair.target().query("SELECT COUNT(*) FROM information_schema"
          + ".TABLES WHERE TABLE_SCHEMA = 'ferry_meta' AND TABLE_NAME = '" + table + "'");
      if (((Number) found.get(0).get(0)).longValue() > 0) {
        rows += ((Number) pair.target().query("SELECT COUNT(*) FROM ferry_meta." + table
            + " WHERE task_id = '" + key + "'").get(0).get(0)).longValue();
      }
    }
    return rows;
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
