package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.ColumnRename;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Index DDL on the source during replication, with the default ddlPolicy (Apply): {@code CREATE
 * INDEX ... ON t} and {@code DROP INDEX ... ON t} reach the target like {@code ALTER TABLE t
 * ADD/DROP INDEX}, with the table's rules (a renamed column) applied, whether the table is named
 * with its schema or through the session's default schema.
 */
class IndexDdlReplicationTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void createAndDropIndexTakeTheAlterTablePath(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    pair.source().execute("CREATE DATABASE app",
        "CREATE TABLE app.t (id INT PRIMARY KEY, v INT, w INT, note VARCHAR(20))");
    pair.target().execute("CREATE DATABASE app",
        "CREATE TABLE app.t (id INT PRIMARY KEY, v INT, weight INT, note VARCHAR(20))");
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "app");
    spec.setMode(Mode.Incremental);
    TableRule rule = new TableRule();
    rule.setMatch("app.t");
    ColumnRename rename = new ColumnRename();
    rename.setFrom("w");
    rename.setTo("weight");
    rule.getColumns().add(rename);
    spec.getObjects().getRules().add(rule);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/index-ddl-" + flavor, sink, pair.source(),
        pair.target());
    PhaseThread phase = PhaseThread.incremental(context);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> phase.alive() && !sink.status().getCheckpoints().isEmpty());

    pair.source().execute("USE app",
        "CREATE INDEX by_w ON t (w)",
        "ALTER TABLE t ADD INDEX by_v (v)",
        "CREATE UNIQUE INDEX by_note ON app.t (note)",
        "ALTER TABLE app.t ADD INDEX by_id_v (id, v)",
        "DROP INDEX by_note ON app.t",
        "ALTER TABLE app.t DROP INDEX by_id_v",
        "INSERT INTO app.t VALUES (1, 2, 3, 'x')");
    await("the row after the index DDL").atMost(Duration.ofSeconds(30)).until(() -> phase.alive()
        && pair.target().query("SELECT COUNT(*) FROM app.t").get(0).get(0).toString()
        .equals("1"));
    phase.stop();

    assertThat(indexes(pair.target())).containsExactly(List.of("PRIMARY", "id"),
        List.of("by_v", "v"), List.of("by_w", "weight"));
    assertThat(indexes(pair.source())).containsExactly(List.of("PRIMARY", "id"),
        List.of("by_v", "v"), List.of("by_w", "w"));
  }

  private static List<List<Object>> indexes(DatabaseServer server) throws Exception {
    return server.query("SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
        + " WHERE TABLE_SCHEMA = 'app' AND TABLE_NAME = 't' ORDER BY INDEX_NAME = 'PRIMARY' DESC,"
        + " INDEX_NAME, SEQ_IN_INDEX");
  }
}
