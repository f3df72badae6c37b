package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.GtidUsage;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
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
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MariaDB with {@code gtid_strict_mode=OFF} (its default) lets a session log a GTID whose
 * sequence is below its domain's last one, under another server id ({@code SET server_id},
 * {@code SET gtid_seq_no}). Such transactions, written while the worker is down and after it is
 * resumed, must all arrive, and the drain must wait for them: GTID sets no longer order the
 * positions, file and offset do.
 */
class MariaDbNonStrictGtidTest {

  private static final int OTHER_SERVER_ID = 4242;

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.of(Flavor.MARIADB, Flavor.MARIADB);

  @ParameterizedTest
  @EnumSource(value = GtidUsage.class, names = {"Auto", "Disabled"})
  void aSequenceGoingBackwardsInADomainLosesNothing(GtidUsage gtid) throws Exception {
    DatabasePair pair = dbs.pair();
    pair.reset();
    DatabaseServer source = pair.source();
    assertThat(source.variable("gtid_strict_mode")).isEqualTo("OFF");
    source.execute("CREATE DATABASE ns", "CREATE TABLE ns.t (id INT PRIMARY KEY, v VARCHAR(40))");
    insert(source, 1, 10);
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "ns");
    spec.getSources().get(0).setGtid(gtid);
    spec.getIncremental().setApplyThreads(2);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/nonstrict-" + gtid.name().toLowerCase(), sink,
        source, pair.target());
    SchemaMigrator.migrate(context);
    EnginePhases.load(context, 0, 1);

    PhaseThread first = PhaseThread.incremental(context);
    insert(source, 11, 20);
    await().atMost(Duration.ofSeconds(30)).until(() -> first.alive() && count(pair) == 20);
    first.stop();
    backwards(source, 21, 25);

    PhaseThread second = PhaseThread.incremental(context);
    await().atMost(Duration.ofSeconds(30)).until(() -> second.alive() && count(pair) == 25);
    second.stop();
    insert(source, 26, 30);
    backwards(source, 31, 33);

    PhaseThread third = PhaseThread.incremental(context);
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    sink.setSpec(cutover);
    third.awaitDone(Duration.ofSeconds(90));

    String sql = "SELECT id, v FROM ns.t ORDER BY id";
    assertThat(source.query(sql)).hasSize(33);
    assertThat(pair.target().query(sql)).as("every change arrived").isEqualTo(source.query(sql));
  }

  /** One transaction per row, logged under another server id with the sequence {@code id - 20}. */
  private static void backwards(DatabaseServer source, int from, int to) throws SQLException {
    for (int id = from; id <= to; id++) {
      source.execute("SET SESSION server_id = " + OTHER_SERVER_ID,
          "SET SESSION gtid_seq_no = " + (id - 20),
          "INSERT INTO ns.t VALUES (" + id + ", 'backwards " + id + "')");
    }
    List<List<Object>> gtids = source.query("SELECT @@gtid_binlog_pos, @@gtid_binlog_state");
    assertThat(gtids.get(0).get(0).toString()).as("the domain's sequence went backwards")
        .contains("-" + OTHER_SERVER_ID + "-");
  }

  private static void insert(DatabaseServer source, int from, int to) throws SQLException {
    for (int id = from; id <= to; id++) {
      source.execute("INSERT INTO ns.t VALUES (" + id + ", 'row " + id + "')");
    }
  }

  private static long count(DatabasePair pair) throws SQLException {
    return ((Number) pair.target().query("SELECT COUNT(*) FROM ns.t").get(0).get(0)).longValue();
  }
}
