package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.schema.SchemaMigrator;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CDC decodes rows with the table definitions at their binlog position (the schema history),
 * not with the source's definitions now: with row events that do not name their columns
 * ({@code binlog_row_metadata=MINIMAL}; MySQL 5.7 always), the worker is stopped, the table is
 * renamed, reordered, dropped and added to, and two of its columns swap names, with rows written
 * between every step; the resumed worker brings the target to the source's rows and definitions.
 */
class SchemaHistoryTest {

  private static final String COLUMNS = "SELECT COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE,"
      + " IS_NULLABLE, COLUMN_DEFAULT FROM information_schema.COLUMNS"
      + " WHERE TABLE_SCHEMA = 'app' AND TABLE_NAME = 't' ORDER BY ORDINAL_POSITION";

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  /** The steps: rows, then a rename, a reorder, a drop+add, two columns swapping names. */
  private static final List<String> STEPS = List.of(
      "INSERT INTO app.t VALUES (2, 20, 'two', '2020-01-02', 200, 'x2'),"
          + " (3, 30, 'three', '2020-01-03', 300, 'x3')",
      "UPDATE app.t SET a = 11 WHERE id = 1",
      "ALTER TABLE app.t CHANGE a a2 INT",
      "INSERT INTO app.t VALUES (4, 40, 'four', '2020-01-04', 400, 'x4')",
      "UPDATE app.t SET b = 'deux' WHERE id = 2",
      "ALTER TABLE app.t MODIFY c DATE AFTER id",
      "INSERT INTO app.t (id, c, a2, b, x, y) VALUES (5, '2020-01-05', 50, 'five', 500, 'x5')",
      "ALTER TABLE app.t DROP COLUMN b, ADD COLUMN d DECIMAL(8,2) NOT NULL DEFAULT 1.50,"
          + " ADD INDEX `ix_d` (d)",
      "INSERT INTO app.t (id, c, a2, x, y, d) VALUES (6, '2020-01-06', 60, 600, 'x6', 6.25)",
      "UPDATE app.t SET x = 301 WHERE id = 3",
      "ALTER TABLE app.t CHANGE x tmp INT",
      "ALTER TABLE app.t CHANGE y x VARCHAR(10)",
      "ALTER TABLE app.t CHANGE tmp y INT",
      "INSERT INTO app.t (id, c, a2, y, x, d) VALUES (7, '2020-01-07', 70, 700, 'x7', 7.75)",
      "DELETE FROM app.t WHERE id = 4");

  private static final String INDEXES = "SELECT INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME"
      + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = 'app' AND TABLE_NAME = 't'"
      + " ORDER BY INDEX_NAME, SEQ_IN_INDEX";

  /** When the worker runs while the steps are applied. */
  private enum Worker {
    /** Stopped before the first step, started after the last. */
    STOPPED_THROUGHOUT,
    /** Stopped before each step and started again after it. */
    RESTARTED_AROUND_EACH_STEP,
    /** Running. */
    RUNNING,
    /** Running, and killed at random moments after random steps, then started again. */
    KILLED_AT_RANDOM_POINTS,
    /**
     * Mode All: the full load copies the table, then every step runs before the CDC starts (the
     * rows after the table's copy are decoded with the definitions at the load's start).
     */
    STARTED_AFTER_THE_FULL_LOAD
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void resumeAfterRenamesReordersAndSwapsDecodesWithTheDefinitionsAtEachRow(Flavor flavor)
      throws Exception {
    scenario(flavor, Worker.STOPPED_THROUGHOUT);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aWorkerStoppedBetweenEveryStepConvergesAfterEach(Flavor flavor) throws Exception {
    scenario(flavor, Worker.RESTARTED_AROUND_EACH_STEP);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void stepsWhileTheWorkerRunsConvergeAfterEach(Flavor flavor) throws Exception {
    scenario(flavor, Worker.RUNNING);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void killsAtRandomPointsBetweenTheStepsResumeWithTheRightVersion(Flavor flavor)
      throws Exception {
    scenario(flavor, Worker.KILLED_AT_RANDOM_POINTS);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void stepsBetweenTheFullLoadAndTheCdcAreDecodedWithTheirDefinitions(Flavor flavor)
      throws Exception {
    scenario(flavor, Worker.STARTED_AFTER_THE_FULL_LOAD);
  }

  private static void scenario(Flavor flavor, Worker worker) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    boolean hasMetadataSetting = flavor != Flavor.MYSQL57;
    if (hasMetadataSetting) {
      source.execute("SET GLOBAL binlog_row_metadata = MINIMAL");
    }
    try {
      source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY,"
          + " a INT, b VARCHAR(20), c DATE, x INT, y VARCHAR(10), KEY `ix_b` (b))");
      MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "app");
      InMemoryStatusSink sink;
      TaskContext context;
      String taskId = "ns/history-" + flavor + "-" + worker;
      if (worker == Worker.STARTED_AFTER_THE_FULL_LOAD) {
        source.execute("INSERT INTO app.t VALUES (1, 10, 'one', '2020-01-01', 100, 'x1')");
        spec.setMode(Mode.All);
        sink = new InMemoryStatusSink(spec, null);
        context = LoadFixture.context(taskId, sink, source, pair.target());
        SchemaMigrator.migrate(context);
        assertThat(EnginePhases.load(context, 0, 1).complete()).isTrue();
        for (String step : STEPS) {
          source.execute(step);
        }
        awaitConverged(pair, PhaseThread.incremental(context));
        assertEqualRowsAndDefinitions(pair);
        return;
      }
      pair.target().execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY,"
          + " a INT, b VARCHAR(20), c DATE, x INT, y VARCHAR(10), KEY `ix_b` (b))");
      spec.setMode(Mode.Incremental);
      sink = new InMemoryStatusSink(spec, null);
      context = LoadFixture.context(taskId, sink, source, pair.target());
      PhaseThread running = PhaseThread.incremental(context);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> running.alive() && !sink.status().getCheckpoints().isEmpty());
      source.execute("INSERT INTO app.t VALUES (1, 10, 'one', '2020-01-01', 100, 'x1')");
      await().atMost(Duration.ofSeconds(30)).until(() -> running.alive()
          && count(pair.target()) == 1);
      PhaseThread last = switch (worker) {
        case STOPPED_THROUGHOUT -> {
          running.stop();
          for (String step : STEPS) {
            source.execute(step);
          }
          yield PhaseThread.incremental(context);
        }
        case RESTARTED_AROUND_EACH_STEP -> {
          PhaseThread current = running;
          for (String step : STEPS) {
            current.stop();
            source.execute(step);
            current = PhaseThread.incremental(context);
            awaitStep(pair, current, step);
          }
          yield current;
        }
        case RUNNING -> {
          for (String step : STEPS) {
            source.execute(step);
            awaitStep(pair, running, step);
          }
          yield running;
        }
        case KILLED_AT_RANDOM_POINTS -> killedAtRandomPoints(source, context, running, flavor);
        case STARTED_AFTER_THE_FULL_LOAD -> throw new IllegalStateException();
      };
      awaitConverged(pair, last);
      assertEqualRowsAndDefinitions(pair);
    } finally {
      if (hasMetadataSetting) {
        source.execute("SET GLOBAL binlog_row_metadata = FULL");
      }
    }
  }

  /**
   * Runs the steps with the worker running, killing it (like a deleted pod) after a random
   * share of them, at a random moment up to 300 ms later, and starting it again at once.
   */
  private static PhaseThread killedAtRandomPoints(DatabaseServer source, TaskContext context,
      PhaseThread running, Flavor flavor) throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    System.out.println("SchemaHistoryTest " + flavor + ": kills seeded with " + seed);
    PhaseThread current = running;
    int kills = 0;
    for (String step : STEPS) {
      source.execute(step);
      if (random.nextInt(3) == 0) {
        Thread.sleep(random.nextInt(300));
        current.stop();
        current = PhaseThread.incremental(context);
        kills++;
      }
    }
    assertThat(kills).as("kills (seed %d)", seed).isPositive();
    return current;
  }

  /** The target has the source's rows and column definitions after {@code step}. */
  private static void awaitStep(DatabasePair pair, PhaseThread worker, String step)
      throws Exception {
    await("after " + step).atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> !worker.alive() || rows(pair.target()).equals(rows(pair.source()))
            && pair.target().query(COLUMNS).equals(pair.source().query(COLUMNS))
            && pair.target().query(INDEXES).equals(pair.source().query(INDEXES)));
    assertThat(worker.alive()).as("the CDC runs after %s", step).isTrue();
  }

  private static void assertEqualRowsAndDefinitions(DatabasePair pair) throws SQLException {
    assertThat(rows(pair.target())).isEqualTo(rows(pair.source()));
    assertThat(pair.target().query("SELECT a2, y FROM app.t WHERE id = 1"))
        .as("a row written before the rename arrives in the renamed column")
        .containsExactly(List.of(11, 100));
    assertThat(pair.target().query(COLUMNS)).isEqualTo(pair.source().query(COLUMNS));
    assertThat(pair.target().query(INDEXES)).isEqualTo(pair.source().query(INDEXES));
    assertThat(pair.target().query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"
        + " WHERE SCHEMA_NAME LIKE 'ferry\\_h\\_%'"))
        .as("the history's scratch databases are dropped when the stream stops").isEmpty();
  }

  /** Waits until the target has the source's rows and columns, then stops the worker. */
  private static void awaitConverged(DatabasePair pair, PhaseThread worker) throws Exception {
    try {
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> !worker.alive()
          || rows(pair.target()).equals(rows(pair.source()))
          && pair.target().query(COLUMNS).equals(pair.source().query(COLUMNS)));
      assertThat(worker.alive()).as("the CDC runs").isTrue();
    } finally {
      worker.stop();
    }
  }

  private static List<List<Object>> rows(DatabaseServer server) throws SQLException {
    return server.query("SELECT * FROM app.t ORDER BY id");
  }

  private static long count(DatabaseServer server) throws SQLException {
    return ((Number) server.query("SELECT COUNT(*) FROM app.t").get(0).get(0)).longValue();
  }
}
