package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Foreign key cascades reach the target: the source's binlog holds only the parents' changes
 * (the server's cascades on child rows are not logged), yet after parent deletes and key updates
 * during CDC, and during the full load (safe mode), every child table on the target equals the
 * source's: ON DELETE CASCADE, ON UPDATE CASCADE, ON DELETE SET NULL, a cascade on a referenced
 * unique column that is not the key, and a second level below a cascading child.
 */
class ForeignKeyCascadeTest {

  private static final List<String> TABLES = List.of("parent", "child", "nullable", "bycode",
      "grandchild");

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void cascadesDuringCdcReachTheTarget(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    createAndFill(source);
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "fk");
    spec.getIncremental().setApplyThreads(4);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/fk-cdc-" + flavor, sink, source,
        pair.target());
    SchemaMigrator.migrate(context);
    assertThat(EnginePhases.load(context, 0, 1).complete()).isTrue();

    PhaseThread phase = PhaseThread.incremental(context);
    changeParents(source);
    cutover(spec, sink, phase);
    assertEqual(source, pair.target());
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void cascadesDuringTheFullLoadReachTheTarget(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    createAndFill(source);
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "fk");
    spec.getFullLoad().setThreads(1);
    spec.getFullLoad().setChunkRows(100);
    spec.getFullLoad().getThrottle().setRowsPerSecond(1500L);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/fk-load-" + flavor, sink, source,
        pair.target());
    SchemaMigrator.migrate(context);

    PhaseThread load = PhaseThread.start("full-load", () -> EnginePhases.load(context, 0, 1));
    Thread.sleep(400);
    changeParents(source);
    load.awaitDone(Duration.ofSeconds(120));
    PhaseThread phase = PhaseThread.incremental(context);
    cutover(spec, sink, phase);
    assertEqual(source, pair.target());
  }

  private static void createAndFill(DatabaseServer source) throws Exception {
    source.execute("CREATE DATABASE fk",
        "CREATE TABLE fk.parent (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL,"
            + " UNIQUE KEY uq_code (code))",
        "CREATE TABLE fk.child (id INT PRIMARY KEY, parent_id INT, note VARCHAR(20),"
            + " CONSTRAINT fk_child FOREIGN KEY (parent_id) REFERENCES fk.parent (id)"
            + " ON DELETE CASCADE ON UPDATE CASCADE)",
        "CREATE TABLE fk.nullable (id INT PRIMARY KEY, parent_id INT,"
            + " CONSTRAINT fk_nullable FOREIGN KEY (parent_id) REFERENCES fk.parent (id)"
            + " ON DELETE SET NULL ON UPDATE CASCADE)",
        "CREATE TABLE fk.bycode (id INT PRIMARY KEY, code VARCHAR(10),"
            + " CONSTRAINT fk_bycode FOREIGN KEY (code) REFERENCES fk.parent (code)"
            + " ON DELETE CASCADE ON UPDATE CASCADE)",
        "CREATE TABLE fk.grandchild (id INT PRIMARY KEY, child_id INT,"
            + " CONSTRAINT fk_grandchild FOREIGN KEY (child_id) REFERENCES fk.child (id)"
            + " ON DELETE CASCADE ON UPDATE CASCADE)");
    List<String> inserts = new ArrayList<>();
    for (int p = 1; p <= 100; p++) {
      inserts.add("INSERT INTO fk.parent VALUES (" + p + ", 'c" + p + "')");
      for (int c = 0; c < 10; c++) {
        int id = p * 100 + c;
        inserts.add("INSERT INTO fk.child VALUES (" + id + ", " + p + ", 'n" + id + "')");
        inserts.add("INSERT INTO fk.grandchild VALUES (" + id + ", " + id + ")");
      }
      for (int n = 0; n < 3; n++) {
        inserts.add("INSERT INTO fk.nullable VALUES (" + (p * 10 + n) + ", " + p + ")");
      }
      inserts.add("INSERT INTO fk.bycode VALUES (" + p + ", 'c" + p + "')");
    }
    source.execute(inserts.toArray(new String[0]));
  }

  /** 10 parents deleted, 10 keys and 5 referenced codes changed, with other writes between. */
  private static void changeParents(DatabaseServer source) throws Exception {
    for (int i = 0; i < 10; i++) {
      int deleted = 1 + i * 9;
      int renumbered = 5 + i * 9;
      source.execute("DELETE FROM fk.parent WHERE id = " + deleted,
          "UPDATE fk.child SET note = 'touched' WHERE parent_id = " + (deleted + 1),
          "UPDATE fk.parent SET id = " + (1000 + renumbered) + " WHERE id = " + renumbered,
          "INSERT INTO fk.child VALUES (" + (20000 + i) + ", " + (1000 + renumbered) + ", 'new')",
          "UPDATE fk.grandchild SET child_id = " + (renumbered * 100 + 1) + " WHERE id = "
              + (renumbered * 100 + 2));
      if (i < 5) {
        source.execute("UPDATE fk.parent SET code = 'x" + i + "' WHERE id = " + (3 + i * 9));
      }
    }
  }

  private static void cutover(MigrationTaskSpec spec, InMemoryStatusSink sink,
      PhaseThread phase) throws Exception {
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    sink.setSpec(cutover);
    phase.awaitDone(Duration.ofSeconds(120));
  }

  private static void assertEqual(DatabaseServer source, DatabaseServer target)
      throws Exception {
    assertThat(source.query("SELECT COUNT(*) FROM fk.child").get(0).get(0).toString())
        .as("the source cascaded").isEqualTo("910");
    for (String table : TABLES) {
      String rows = "SELECT * FROM fk." + table + " ORDER BY id";
      assertThat(target.query(rows)).as("fk." + table + " on the target")
          .isEqualTo(source.query(rows));
    }
  }
}
