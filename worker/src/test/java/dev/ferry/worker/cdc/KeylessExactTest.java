package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A table without any key holds the source's multiset of rows through the full load, the hand-off
 * to CDC and a kill of the incremental phase: identical rows inserted during the load and right
 * after each (re)start of CDC all arrive, and a change of one of two identical rows changes one.
 */
class KeylessExactTest {

  private static final String MULTISET =
      "SELECT what, n, COUNT(*) FROM logs.audit GROUP BY what, n ORDER BY what, n";

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void identicalRowsSurviveTheHandOffAndAResume(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    source.execute("CREATE DATABASE logs",
        "CREATE TABLE logs.audit (what VARCHAR(20), n INT)",
        "CREATE TABLE logs.filler (id INT PRIMARY KEY, pad VARCHAR(60))",
        "INSERT INTO logs.filler VALUES (1, 'x')");
    for (int i = 0; i < 20; i++) {
      source.execute("INSERT INTO logs.filler SELECT id + (SELECT MAX(id) FROM logs.filler),"
          + " pad FROM logs.filler WHERE id <= 250");
    }
    source.execute("INSERT INTO logs.audit VALUES ('a', 1), ('a', 1), ('a', 1), ('b', 2),"
        + " ('b', 2), ('c', 3), ('c', 3)");
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "logs");
    spec.getFullLoad().setThreads(1);
    spec.getFullLoad().getThrottle().setRowsPerSecond(1000L);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/keyless-" + flavor, sink, source,
        pair.target());
    SchemaMigrator.migrate(context);

    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicReference<Exception> writerFailure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try {
        while (loading.get()) {
          source.execute("INSERT INTO logs.audit VALUES ('a', 1)",
              "UPDATE logs.audit SET n = n + 10 WHERE what = 'c' AND n < 100 LIMIT 1");
          Thread.sleep(20);
        }
      } catch (Exception e) {
        writerFailure.set(e);
      }
    });
    writer.start();
    try {
      assertThat(EnginePhases.load(context, 0, 1).complete()).isTrue();
    } finally {
      loading.set(false);
      writer.join();
    }
    assertThat(writerFailure.get()).isNull();

    PhaseThread phase = PhaseThread.incremental(context);
    identicalInsertsInOneSecond(source, 50);
    source.execute("DELETE FROM logs.audit WHERE what = 'b' LIMIT 1",
        "UPDATE logs.audit SET n = 5 WHERE what = 'a' LIMIT 1");
    Thread.sleep(1000);
    phase.stop();
    identicalInsertsInOneSecond(source, 30);

    phase = PhaseThread.incremental(context);
    identicalInsertsInOneSecond(source, 50);
    source.execute("UPDATE logs.audit SET what = 'd' WHERE what = 'c' LIMIT 1",
        "DELETE FROM logs.audit WHERE what = 'a' LIMIT 2");
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    sink.setSpec(cutover);
    phase.awaitDone(Duration.ofSeconds(120));

    List<List<Object>> expected = source.query(MULTISET);
    assertThat(pair.target().query(MULTISET)).as("the multiset of logs.audit")
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aKeylessStreamKilledDuringTheLoadIsCopiedAgainExactly(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    source.execute("CREATE DATABASE logs",
        "CREATE TABLE logs.audit (what VARCHAR(20), n INT)",
        "INSERT INTO logs.audit VALUES ('a', 1)");
    for (int i = 0; i < 14; i++) {
      source.execute("INSERT INTO logs.audit SELECT what, n FROM logs.audit LIMIT 3000");
    }
    source.execute("UPDATE logs.audit SET what = 'b' LIMIT 100");
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "logs");
    spec.getFullLoad().setThreads(1);
    spec.getFullLoad().getThrottle().setRowsPerSecond(2000L);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/keyless-kill-" + flavor, sink, source,
        pair.target());
    SchemaMigrator.migrate(context);

    PhaseThread load = PhaseThread.start("full-load", () -> EnginePhases.load(context, 0, 1));
    identicalInsertsInOneSecond(source, 40);
    source.execute("DELETE FROM logs.audit WHERE what = 'b' LIMIT 1",
        "UPDATE logs.audit SET n = 2 WHERE what = 'a' LIMIT 3");
    await().atMost(Duration.ofSeconds(30)).until(() -> !pair.target().query("SELECT 1 FROM"
        + " ferry_meta.fullload_chunks WHERE table_name = 'audit' AND rows_copied > 0").isEmpty());
    load.stop();
    assertThat(pair.target().query("SELECT state FROM ferry_meta.fullload_chunks"
        + " WHERE table_name = 'audit'")).as("stopped inside the keyless stream")
        .containsExactly(List.of("copying"));
    identicalInsertsInOneSecond(source, 20);
    spec.getFullLoad().getThrottle().setRowsPerSecond(null);
    assertThat(EnginePhases.load(context, 0, 1).complete()).isTrue();

    PhaseThread phase = PhaseThread.incremental(context);
    identicalInsertsInOneSecond(source, 30);
    source.execute("DELETE FROM logs.audit WHERE what = 'a' AND n = 2 LIMIT 1");
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    sink.setSpec(cutover);
    phase.awaitDone(Duration.ofSeconds(120));

    assertThat(pair.target().query(MULTISET)).as("the multiset of logs.audit")
        .isEqualTo(source.query(MULTISET));
  }

  private static void identicalInsertsInOneSecond(DatabaseServer source, int rows)
      throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    for (int i = 0; i < rows; i++) {
      source.execute("INSERT INTO logs.audit VALUES ('a', 1)");
    }
    long left = end - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000);
    }
  }
}
