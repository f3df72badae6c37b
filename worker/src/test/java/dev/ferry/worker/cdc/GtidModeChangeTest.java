package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.GtidUsage;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.schema.SchemaMigrator;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A MySQL source that had GTIDs and turned them off the way MySQL allows online ({@code
 * gtid_mode} stepped down through ON_PERMISSIVE to OFF_PERMISSIVE, and to OFF): its {@code
 * gtid_executed} stays while new transactions are anonymous. Mode All through the full load, CDC,
 * a killed worker and the cutover's drain must bring every change, whether GTIDs were turned off
 * before the task or while it replicated. The shared source's {@code gtid_mode} is stepped back up
 * to ON afterwards.
 */
class GtidModeChangeTest {

  private static final int SEEDED = 3;

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest(name = "{0}: gtid_mode {1}, gtid: {2}")
  @CsvSource({"MYSQL, OFF_PERMISSIVE, Disabled", "MYSQL, OFF_PERMISSIVE, Auto", "MYSQL, OFF, Auto",
      "MYSQL57, OFF_PERMISSIVE, Auto", "MYSQL57, OFF, Disabled"})
  void aSourceThatTurnedGtidsOffBeforeTheTaskLosesNothing(Flavor flavor, String mode,
      GtidUsage gtid) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    DatabaseServer source = seeded(pair);
    try {
      stepDown(source, mode);
      source.execute("INSERT INTO gm.t VALUES (100, 'anonymous before the load')");
      Run run = new Run(pair, gtid, "before-" + flavor + "-" + mode + "-" + gtid);
      SchemaMigrator.migrate(run.context);
      EnginePhases.load(run.context, 0, 1);

      PhaseThread first = PhaseThread.incremental(run.context);
      insert(source, 4, 20);
      source.execute("UPDATE gm.t SET v = 'updated' WHERE id = 1");
      awaitRows(pair, first, 21);
      first.stop();
      insert(source, 21, 30);
      source.execute("DELETE FROM gm.t WHERE id = 2", "UPDATE gm.t SET v = 'again' WHERE id = 3");

      PhaseThread second = PhaseThread.incremental(run.context);
      insert(source, 31, 35);
      run.requestCutover();
      second.awaitDone(Duration.ofSeconds(90));

      assertSameRows(pair, 35);
      assertThat(run.checkpoint().getGtidSet()).as("anonymous transactions are followed by file"
          + " and offset: no GTID set that they never grow").isNull();
    } finally {
      stepUp(source);
    }
  }

  @ParameterizedTest(name = "{0}, gtid: {1}")
  @CsvSource({"MYSQL, Disabled", "MYSQL, Auto", "MYSQL57, Disabled"})
  void aSourceThatTurnsGtidsOffWhileReplicatingLosesNothing(Flavor flavor, GtidUsage gtid)
      throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    DatabaseServer source = seeded(pair);
    try {
      Run run = new Run(pair, gtid, "during-" + flavor + "-" + gtid);
      SchemaMigrator.migrate(run.context);
      EnginePhases.load(run.context, 0, 1);
      PhaseThread first = PhaseThread.incremental(run.context);
      insert(source, 4, 10);
      awaitRows(pair, first, 10);

      stepDown(source, "OFF_PERMISSIVE");
      insert(source, 11, 20);
      source.execute("UPDATE gm.t SET v = 'updated' WHERE id = 1");
      if (gtid == GtidUsage.Auto) {
        Exception failure = first.awaitFailure(Duration.ofSeconds(60));
        assertThat(failure).as("a stream by GTID meets an anonymous transaction")
            .isInstanceOf(FerryException.class)
            .hasMessageContaining("anonymous")
            .hasMessageContaining("gtid_mode");
        assertThat(((FerryException) failure).failureClass())
            .as("retried: the next run follows file and offset").isEqualTo(FailureClass.Other);
        first = PhaseThread.incremental(run.context);
      }
      awaitRows(pair, first, 20);
      first.stop();
      insert(source, 21, 30);
      source.execute("DELETE FROM gm.t WHERE id = 2");

      PhaseThread second = PhaseThread.incremental(run.context);
      insert(source, 31, 35);
      run.requestCutover();
      second.awaitDone(Duration.ofSeconds(90));

      assertSameRows(pair, 34);
    } finally {
      stepUp(source);
    }
  }

  /** One task against the pair, with the given GTID usage. */
  private static final class Run {
    final MigrationTaskSpec spec;
    final InMemoryStatusSink sink;
    final TaskContext context;

    Run(DatabasePair pair, GtidUsage gtid, String name) {
      spec = LoadFixture.spec(pair.source(), pair.target(), "gm");
      spec.getSources().get(0).setGtid(gtid);
      spec.getIncremental().setApplyThreads(2);
      sink = new InMemoryStatusSink(spec, null);
      context = LoadFixture.context("ns/gtidless-" + name.toLowerCase(), sink, pair.source(),
          pair.target());
    }

    void requestCutover() {
      MigrationTaskSpec cutover = Serialization.clone(spec);
      cutover.getCutover().setRequested(true);
      sink.setSpec(cutover);
    }

    SourceCheckpoint checkpoint() {
      return sink.status().getCheckpoints().get(0);
    }
  }

  private static DatabaseServer seeded(DatabasePair pair) throws SQLException {
    pair.reset();
    DatabaseServer source = pair.source();
    assertThat(source.variable("gtid_mode")).isEqualTo("ON");
    source.execute("CREATE DATABASE gm", "CREATE TABLE gm.t (id INT PRIMARY KEY, v VARCHAR(40))");
    insert(source, 1, SEEDED);
    return source;
  }

  /** One transaction per row. */
  private static void insert(DatabaseServer source, int from, int to) throws SQLException {
    for (int id = from; id <= to; id++) {
      source.execute("INSERT INTO gm.t VALUES (" + id + ", 'row " + id + "')");
    }
  }

  /** Steps {@code gtid_mode} down from ON, one allowed step at a time, to {@code mode}. */
  private static void stepDown(DatabaseServer source, String mode) throws SQLException {
    for (String step : List.of("ON_PERMISSIVE", "OFF_PERMISSIVE", "OFF")) {
      source.execute("SET GLOBAL gtid_mode = '" + step + "'");
      if (step.equals(mode)) {
        return;
      }
    }
  }

  /** Steps {@code gtid_mode} back up to ON, as the other test classes expect it. */
  private static void stepUp(DatabaseServer source) throws SQLException {
    List<String> steps = List.of("OFF", "OFF_PERMISSIVE", "ON_PERMISSIVE", "ON");
    for (int i = steps.indexOf(source.variable("gtid_mode")) + 1; i < steps.size(); i++) {
      source.execute("SET GLOBAL gtid_mode = '" + steps.get(i) + "'");
    }
  }

  private static void awaitRows(DatabasePair pair, PhaseThread phase, int rows) {
    await().atMost(Duration.ofSeconds(30)).until(() -> phase.alive() && count(pair) == rows);
  }

  private static long count(DatabasePair pair) throws SQLException {
    return ((Number) pair.target().query("SELECT COUNT(*) FROM gm.t").get(0).get(0)).longValue();
  }

  private static void assertSameRows(DatabasePair pair, int rows) throws SQLException {
    String sql = "SELECT id, v FROM gm.t ORDER BY id";
    List<List<Object>> expected = pair.source().query(sql);
    assertThat(expected).hasSize(rows);
    assertThat(pair.target().query(sql)).as("every change arrived").isEqualTo(expected);
  }
}
