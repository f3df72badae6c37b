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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gh-ost swap of a table before its copy begins converges, also under another name: the
 * shadow made {@code LIKE} a table whose copy holds that moment takes over its copy boundary, so
 * neither the shadow's CREATE nor its rows are replayed (found by {@code cli.ChaosConvergenceTest}
 * on MariaDB: the CDC applied the rows of a shadow it had not created, "Table
 * 'shop._z_late_r_gho' doesn't exist", on every attempt).
 */
class GhostSwapOfRenamedTableDuringLoadTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @Test
  void swapOfARenamedTableBeforeItsCopyConverges() throws Exception {
    DatabasePair pair = dbs.pair(Flavor.MARIADB, Flavor.MARIADB);
    pair.reset();
    DatabaseServer source = pair.source();
    source.execute("CREATE DATABASE shop",
        "CREATE TABLE shop.a_big (id INT PRIMARY KEY, c VARCHAR(40))",
        "CREATE TABLE shop.z_late (id INT PRIMARY KEY, c VARCHAR(40), n INT)");
    StringBuilder big = new StringBuilder("INSERT INTO shop.a_big VALUES ");
    for (int i = 1; i <= 6000; i++) {
      big.append(i > 1 ? ", " : "").append('(').append(i).append(", 'c").append(i).append("')");
    }
    source.execute(big.toString(), "INSERT INTO shop.z_late VALUES (1, 'a', 1), (2, 'b', 2)");
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "shop");
    spec.getFullLoad().setChunkRows(1000);
    spec.getFullLoad().setThreads(1);
    spec.getFullLoad().getThrottle().setRowsPerSecond(1000L);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/ghost-renamed", sink, source, pair.target());
    SchemaMigrator.migrate(context);
    PhaseThread load = PhaseThread.start("full-load", () -> EnginePhases.load(context, 0, 1));
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> ((Number) pair.target().query("SELECT COUNT(*)"
        + " FROM ferry_meta.fullload_chunks WHERE state = 'done'").get(0).get(0)).intValue()
        >= 1);
    source.execute("RENAME TABLE shop.z_late TO shop.z_late_r",
        "CREATE TABLE shop._z_late_r_gho LIKE shop.z_late_r",
        "ALTER TABLE shop._z_late_r_gho ADD COLUMN s INT DEFAULT 5",
        "INSERT INTO shop._z_late_r_gho (id, c, n) SELECT id, c, n FROM shop.z_late_r",
        "RENAME TABLE shop.z_late_r TO shop._z_late_r_del, shop._z_late_r_gho TO shop.z_late_r",
        "DROP TABLE shop._z_late_r_del",
        "INSERT INTO shop.z_late_r (id, c, n) VALUES (3, 'c', 3)",
        "RENAME TABLE shop.z_late_r TO shop.z_late");
    load.awaitDone(Duration.ofSeconds(60));
    PhaseThread phase = PhaseThread.incremental(context);
    Thread.sleep(1000);
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    sink.setSpec(cutover);
    phase.awaitDone(Duration.ofSeconds(60));

    String rows = "SELECT * FROM shop.z_late ORDER BY id";
    assertThat(LoadFixture.hexRows(pair.target(), rows))
        .isEqualTo(LoadFixture.hexRows(source, rows));
    assertThat(pair.target().query("SHOW TABLES FROM shop"))
        .isEqualTo(source.query("SHOW TABLES FROM shop"));
  }
}
