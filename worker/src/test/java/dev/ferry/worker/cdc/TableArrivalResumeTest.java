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
import dev.ferry.worker.validation.ReplicatingValidation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A table that a RENAME brings into the migrated set is copied by the CDC; a worker that stops
 * before the copy is done, or after it but before the rename's checkpoint, is resumed and the
 * target still holds the source's rows exactly once (the table has no key, so a change applied
 * twice or lost would show): the first resume copies again, the second finds the copy's
 * boundary and skips what the copy holds.
 */
class TableArrivalResumeTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @CsvSource({"MARIADB,true", "MARIADB,false", "MYSQL,true", "MYSQL,false", "MYSQL57,true",
      "MYSQL57,false"})
  void aStopAroundTheCopyOfAnArrivingTableLosesAndRepeatsNothing(Flavor flavor,
      boolean stopAfterTheCopy) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    source.execute("CREATE DATABASE shop", "CREATE DATABASE staging",
        "CREATE TABLE shop.orders (id INT PRIMARY KEY, n INT)",
        "INSERT INTO shop.orders VALUES (1, 1)",
        "CREATE TABLE staging.events (what VARCHAR(10), n INT)",
        "INSERT INTO staging.events VALUES ('a', 1), ('a', 1), ('b', 2)");
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "shop");
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/arrival", sink, source, pair.target());
    SchemaMigrator.migrate(context);
    EnginePhases.load(context, 0, 1);

    TableCopier real = EnginePhases.tableCopier(context);
    PhaseThread first = incremental(context, (name, table) -> {
      if (stopAfterTheCopy) {
        real.copy(name, table);
      }
      throw new IllegalStateException("worker stopped");
    });
    source.execute("INSERT INTO staging.events VALUES ('a', 1)",
        "RENAME TABLE staging.events TO shop.events",
        "INSERT INTO shop.events VALUES ('a', 1), ('c', 3)",
        "DELETE FROM shop.events WHERE what = 'b'",
        "UPDATE shop.events SET n = 5 WHERE what = 'c'");
    assertThat(first.awaitFailure(Duration.ofSeconds(60))).hasMessage("worker stopped");

    PhaseThread second = incremental(context, real);
    source.execute("INSERT INTO shop.events VALUES ('a', 1)", "INSERT INTO shop.orders"
        + " VALUES (2, 2)");
    String rows = "SELECT what, n FROM shop.events ORDER BY what, n";
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> second.alive() && LoadFixture.hexRows(pair.target(),
            "SELECT id FROM shop.orders WHERE id = 2").size() == 1);
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    sink.setSpec(cutover);
    second.awaitDone(Duration.ofSeconds(60));

    assertThat(LoadFixture.hexRows(pair.target(), rows))
        .isEqualTo(LoadFixture.hexRows(source, rows))
        .hasSize(6);
  }

  private static PhaseThread incremental(TaskContext context, TableCopier copier) {
    return PhaseThread.start("incremental-phase", () -> {
      IncrementalPhase.run(context, new ReplicatingValidation(context), copier);
      return List.of();
    });
  }
}
