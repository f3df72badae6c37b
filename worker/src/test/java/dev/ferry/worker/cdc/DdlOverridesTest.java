package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.DdlOverride;
import dev.ferry.api.v1alpha1.DdlPolicy;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A DDL statement the target refuses stops the task with the statement, its binlog position and
 * the way past it; an entry of {@code spec.incremental.ddlOverrides} for that position (or its
 * GTID) makes the next run skip it or run the entry's statements instead, and only at that
 * statement. The target
 * refuses a unique key because it holds a row the source lacks (a duplicate value).
 */
class DdlOverridesTest {

  private static final String T = "CREATE TABLE t (id INT PRIMARY KEY, v INT, s VARCHAR(20))";
  private static final String ROWS = "INSERT INTO t VALUES (1, 10, 'a'), (2, 20, 'b')";
  private static final String REFUSED = "ALTER TABLE t ADD UNIQUE KEY by_s (s)";
  private static final Pattern NAMED = Pattern.compile(
      "refused the DDL at binlog position (\\S+:\\d+) \\(GTID (\\S+)\\) of source 'src'");

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void refusedDdlStopsAndSkipGoesPastIt(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    try (DdlCase c = DdlCase.start(pair, "ddl_refused_skip", T)) {
      String position = refuse(c, "ddl_refused_skip").position();
      c.spec().getIncremental().getDdlOverrides().add(skip(position));

      c.startPhase();
      c.source(false, "INSERT INTO t VALUES (3, 30, 'c')");
      // caught up before a column DDL: MySQL 5.7 rows name no columns (issue 19)
      awaitRows(c, pair.target(), "ddl_refused_skip", 4);
      c.source(false, "ALTER TABLE t ADD COLUMN z INT", "INSERT INTO t VALUES (4, 40, 'd', 4)");

      awaitRows(c, pair.target(), "ddl_refused_skip", 5);
      assertThat(indexes(pair.target(), "ddl_refused_skip")).containsExactly("PRIMARY");
      assertThat(pair.target().query("SELECT id, z FROM ddl_refused_skip.t WHERE id = 4")
          .toString()).isEqualTo("[[4, 4]]");
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void replaceNamedByGtidRunsTheGivenStatementsInstead(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    try (DdlCase c = DdlCase.start(pair, "ddl_refused_replace", T)) {
      String gtid = refuse(c, "ddl_refused_replace").gtid();
      c.spec().getIncremental().getDdlOverrides().add(replace(gtid,
          "ALTER TABLE `ddl_refused_replace`.`t` ADD KEY `by_s` (`s`)",
          "ALTER TABLE `ddl_refused_replace`.`t` ADD KEY `by_v` (`v`)"));

      c.startPhase();
      c.source(false, "INSERT INTO t VALUES (3, 30, 'c')");
      awaitRows(c, pair.target(), "ddl_refused_replace", 4);
      c.source(false, "ALTER TABLE t ADD KEY by_id_v (id, v)",
          "INSERT INTO t VALUES (4, 40, 'd')");

      awaitRows(c, pair.target(), "ddl_refused_replace", 5);
      assertThat(indexes(pair.target(), "ddl_refused_replace"))
          .containsExactly("PRIMARY", "by_id_v", "by_s", "by_v");
      assertThat(pair.target().query("SELECT NON_UNIQUE FROM information_schema.STATISTICS"
          + " WHERE TABLE_SCHEMA = 'ddl_refused_replace' AND INDEX_NAME = 'by_s'").get(0).get(0)
          .toString()).isEqualTo("1");
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void anOverrideWinsOverPolicyStopAtItsStatementOnly(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    // the rows are there before the start: rows of the stream before the column DDL would be
    // read again at the resume, which MySQL 5.7 cannot decode with the columns of now (issue 19)
    try (DdlCase c = DdlCase.start(pair, "ddl_stop_override", T, ROWS)) {
      c.stopPhase();
      c.spec().getIncremental().setDdlPolicy(DdlPolicy.Stop);
      c.startPhase();
      c.source("ALTER TABLE t ADD COLUMN z INT");
      Exception stopped = c.awaitFailure();
      assertThat(stopped).hasMessageContaining("ALTER TABLE t ADD COLUMN z INT")
          .hasMessageContaining("ddlPolicy is Stop").hasMessageContaining("ddlOverrides");
      Matcher at = Pattern.compile("position: \"(\\S+:\\d+)\"").matcher(stopped.getMessage());
      assertThat(at.find()).as("the position in: %s", stopped.getMessage()).isTrue();
      c.target("ALTER TABLE t ADD COLUMN z INT");
      c.spec().getIncremental().getDdlOverrides().add(skip(at.group(1)));

      c.startPhase();
      c.source("INSERT INTO t VALUES (3, 30, 'c', 3)", "ALTER TABLE t ADD KEY by_z (z)");

      assertThat(c.awaitFailure()).as("the next DDL stops the task again")
          .hasMessageContaining("ALTER TABLE t ADD KEY by_z (z)");
      assertThat(pair.target().query("SELECT id, z FROM ddl_stop_override.t WHERE id = 3")
          .toString()).isEqualTo("[[3, 3]]");
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aStatementOfMigratedAndOtherTablesStopsWithItsPositionAndSkipGoesPastIt(Flavor flavor)
      throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    try (DdlCase c = DdlCase.start(pair, "ddl_mixed", T, ROWS)) {
      c.source("CREATE TABLE ddl_mixed_out.x (id INT PRIMARY KEY, w INT)",
          "CREATE TABLE t2 LIKE ddl_mixed_out.x");
      Exception stopped = c.awaitFailure();
      assertThat(stopped).hasMessageContaining("CREATE TABLE t2 LIKE ddl_mixed_out.x")
          .hasMessageContaining("involves both migrated and not migrated tables");
      Matcher at = Pattern.compile("ddlOverrides: \\{source: src, position: \"(\\S+:\\d+)\"")
          .matcher(stopped.getMessage());
      assertThat(at.find()).as("the entry to write in: %s", stopped.getMessage()).isTrue();
      c.target("CREATE TABLE t2 (id INT PRIMARY KEY, w INT)");
      c.spec().getIncremental().getDdlOverrides().add(skip(at.group(1)));

      c.startPhase();
      c.source("INSERT INTO t2 VALUES (1, 1)", "UPDATE t SET v = 11 WHERE id = 1");
      c.assertConverged();
    }
  }

  /** How a failure names a statement: its position and its GTID. */
  private record Named(String position, String gtid) {}

  /**
   * Makes the target refuse {@link #REFUSED} (a row of its own with a duplicate value) and
   * returns how the failure names it, after checking the failure.
   */
  private static Named refuse(DdlCase c, String schema) throws Exception {
    c.source(ROWS);
    c.target("INSERT INTO t VALUES (99, 0, 'a')");
    c.source(false, REFUSED);
    Exception failure = c.awaitFailure();
    assertThat(failure).isInstanceOf(FerryException.class)
        .hasMessageContaining("`" + schema + "`.`t` ADD UNIQUE KEY by_s (s)")
        .hasMessageContaining("the source ran: " + REFUSED)
        .hasMessageContaining("spec.incremental.ddlOverrides");
    assertThat(((FerryException) failure).failureClass()).isEqualTo(FailureClass.Fatal);
    Matcher at = NAMED.matcher(failure.getMessage());
    assertThat(at.find()).as("the position and GTID in: %s", failure.getMessage()).isTrue();
    assertThat(failure.getMessage()).contains("position: \"" + at.group(1) + "\"",
        "(or gtid: \"" + at.group(2) + "\" in place of the position)");
    return new Named(at.group(1), at.group(2));
  }

  private static void awaitRows(DdlCase c, DatabaseServer target, String schema, int rows) {
    await("the rows after the override").atMost(Duration.ofSeconds(30))
        .until(() -> c.running() && target.query("SELECT COUNT(*) FROM `" + schema + "`.t")
            .get(0).get(0).toString().equals(String.valueOf(rows)));
  }

  private static List<String> indexes(DatabaseServer server, String schema) throws Exception {
    return server.query("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS"
        + " WHERE TABLE_SCHEMA = '" + schema + "' AND TABLE_NAME = 't'"
        + " ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME").stream()
        .map(row -> row.get(0).toString()).toList();
  }

  private static DdlOverride skip(String position) {
    DdlOverride override = new DdlOverride();
    override.setPosition(position);
    override.setSkip(true);
    return override;
  }

  private static DdlOverride replace(String gtid, String... statements) {
    DdlOverride override = new DdlOverride();
    override.setGtid(gtid);
    override.setReplace(List.of(statements));
    return override;
  }
}
