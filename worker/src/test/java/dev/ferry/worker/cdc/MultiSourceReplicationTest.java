package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import dev.ferry.worker.validation.ReplicatingValidation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two sources of different flavours replicated into one target, one stream and checkpoint each. */
class MultiSourceReplicationTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @Test
  void mysqlAndMariadbSourcesReplicateIntoOneTarget() throws Exception {
    DatabasePair mysql = dbs.pair(Flavor.MYSQL, Flavor.MARIADB);
    DatabasePair mariadb = dbs.pair(Flavor.MARIADB, Flavor.MARIADB);
    DatabaseServer target = mariadb.target();
    mysql.source().reset();
    mariadb.source().reset();
    target.reset();
    mysql.source().execute("CREATE DATABASE east",
        "CREATE TABLE east.orders (id INT PRIMARY KEY, total DECIMAL(10,2), note JSON)",
        "INSERT INTO east.orders VALUES (1, 10.50, '{\"a\": 1}'), (2, 20.00, NULL)");
    mariadb.source().execute("CREATE DATABASE west",
        "CREATE TABLE west.orders (id INT PRIMARY KEY, total DECIMAL(10,2), note TEXT)",
        "INSERT INTO west.orders VALUES (1, 1.25, 'w1')");
    MigrationTaskSpec spec = LoadFixture.spec(mysql.source(), target, "east", "west");
    spec.getSources().get(0).setName("east");
    LoadFixture.addSource(spec, "west", mariadb.source());
    spec.getSources().get(1).setCredentialsSecret("west-secret");
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = context(sink, mysql.source(), mariadb.source(), target);
    SchemaMigrator.migrate(context);
    EnginePhases.load(context, 0, 1);

    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread phase = new Thread(() -> {
      try {
        IncrementalPhase.run(context, new ReplicatingValidation(context),
            EnginePhases.tableCopier(context));
      } catch (Exception e) {
        failure.set(e);
      }
    });
    phase.start();
    mysql.source().execute("INSERT INTO east.orders VALUES (3, 30.00, '[1, 2]')",
        "UPDATE east.orders SET total = 11.00 WHERE id = 1", "DELETE FROM east.orders WHERE id = 2");
    mariadb.source().execute("INSERT INTO west.orders VALUES (2, 2.50, 'w2')",
        "UPDATE west.orders SET note = 'w1!' WHERE id = 1");
    await().atMost(Duration.ofSeconds(60)).until(() -> rethrow(failure)
        && target.query("SELECT COUNT(*) FROM east.orders").get(0).get(0).toString().equals("2")
        && target.query("SELECT COUNT(*) FROM west.orders").get(0).get(0).toString().equals("2"));
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    sink.setSpec(cutover);
    phase.join(Duration.ofSeconds(60).toMillis());

    assertThat(failure.get()).isNull();
    assertThat(phase.isAlive()).isFalse();
    assertThat(target.query("SELECT id, total, JSON_EXTRACT(note, '$') FROM east.orders"
        + " ORDER BY id")).hasSize(2).first().satisfies(row -> assertThat(row.get(1).toString())
        .isEqualTo("11.00"));
    assertThat(target.query("SELECT id, note FROM west.orders ORDER BY id"))
        .containsExactly(List.of(1, "w1!"), List.of(2, "w2"));
    assertThat(sink.status().getCheckpoints()).extracting(SourceCheckpoint::getSource)
        .containsExactlyInAnyOrder("east", "west");
    assertThat(target.query("SELECT DISTINCT source FROM ferry_meta.cdc_checkpoints"
        + " ORDER BY 1").size()).isEqualTo(2);
  }

  private static boolean rethrow(AtomicReference<Exception> failure) throws Exception {
    if (failure.get() != null) {
      throw failure.get();
    }
    return true;
  }

  private static TaskContext context(InMemoryStatusSink sink, DatabaseServer east,
      DatabaseServer west, DatabaseServer target) {
    TaskContext base = LoadFixture.context("ns/multi", sink, east, target);
    Map<String, String> westSecret = new HashMap<>();
    westSecret.put("username", west.adminUser());
    westSecret.put("password", west.adminPassword());
    return new TaskContext(base.taskId(), base.runId(), sink, (name, key) ->
        name.equals("west-secret") ? westSecret.get(key) : base.secrets().read(name, key));
  }
}
