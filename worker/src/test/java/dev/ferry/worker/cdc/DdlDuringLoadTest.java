package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.OnlineDdlPolicy;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Schema changes while the full load of mode All runs never fail the task and never leave a
 * difference: each form of table DDL lands on its own table between the schema phase and the
 * load, while chunks are copied, and while the load is stopped (a worker down between attempts),
 * with writes going on; the load goes on, the CDC takes over, and after the cutover every table
 * has the source's rows and definition.
 */
class DdlDuringLoadTest {

  private static final int ROWS = 1200;

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void everyFormOfTableDdlDuringTheLoadConverges(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    source.execute("CREATE DATABASE shop");
    for (String table : List.of("before_add", "add_first", "add_after", "drop_col", "widen",
        "change_col", "rename_col", "add_index", "drop_index", "renamed", "swapped", "pt_osc",
        "dropped", "truncated", "zz_downtime_add", "zz_downtime_drop")) {
      keyed(source, table);
    }
    source.execute("CREATE TABLE shop.audit (what VARCHAR(20), n INT)",
        "INSERT INTO shop.audit VALUES ('a', 1), ('a', 1), ('b', 2)");
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "shop");
    spec.getFullLoad().setChunkRows(200);
    spec.getFullLoad().setThreads(2);
    spec.getFullLoad().getThrottle().setRowsPerSecond(3000L);
    if (flavor == Flavor.MYSQL57) {
      // 5.7 does not name columns in the binlog: rows of a shadow table that is gone by the
      // time the CDC reads them cannot be decoded until the schema history (issue "Schema
      // history"); there the shadow's rows are skipped and its ALTERs applied at the swap
      spec.getIncremental().getOnlineDdl().setPolicy(OnlineDdlPolicy.SkipGhost);
    }
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/ddl-load-" + flavor, sink, source,
        pair.target());
    SchemaMigrator.migrate(context);

    // after the schema phase, before the load: the target tables were made before these
    source.execute("ALTER TABLE shop.before_add ADD COLUMN note VARCHAR(20) DEFAULT 'new'",
        "UPDATE shop.before_add SET note = CONCAT('n', id) WHERE id % 7 = 0");
    Writer writer = Writer.start(source);
    PhaseThread load = PhaseThread.start("full-load", () -> EnginePhases.load(context, 0, 1));
    awaitChunksDone(pair.target(), 4);
    // while chunks are copied
    source.execute(
        "ALTER TABLE shop.add_first ADD COLUMN f INT NOT NULL DEFAULT 7 FIRST",
        "ALTER TABLE shop.add_after ADD COLUMN g VARCHAR(10) AFTER id",
        "UPDATE shop.add_after SET g = 'g' WHERE id % 3 = 0",
        "ALTER TABLE shop.drop_col DROP COLUMN c",
        "ALTER TABLE shop.widen MODIFY c VARCHAR(200)",
        "UPDATE shop.widen SET c = REPEAT('w', 150) WHERE id % 5 = 0",
        "ALTER TABLE shop.change_col CHANGE c c2 VARCHAR(60) NOT NULL DEFAULT ''",
        renameColumn(flavor),
        "CREATE INDEX by_c ON shop.add_index (c)",
        "ALTER TABLE shop.add_index ADD INDEX by_cn (c, n)",
        "DROP INDEX by_n ON shop.drop_index",
        "RENAME TABLE shop.renamed TO shop.renamed_too",
        "CREATE TABLE shop._swapped_gho LIKE shop.swapped",
        "ALTER TABLE shop._swapped_gho ADD COLUMN s INT DEFAULT 5",
        "INSERT INTO shop._swapped_gho (id, c, n) SELECT id, c, n FROM shop.swapped",
        "RENAME TABLE shop.swapped TO shop._swapped_del, shop._swapped_gho TO shop.swapped",
        "DROP TABLE shop._swapped_del",
        "CREATE TABLE shop._pt_osc_new LIKE shop.pt_osc",
        "ALTER TABLE shop._pt_osc_new MODIFY c VARCHAR(80), ADD INDEX by_c (c)",
        "CREATE TRIGGER shop.pt_osc_ins AFTER INSERT ON shop.pt_osc FOR EACH ROW"
            + " REPLACE INTO shop._pt_osc_new (id, c, n) VALUES (NEW.id, NEW.c, NEW.n)",
        "INSERT INTO shop._pt_osc_new (id, c, n) SELECT id, c, n FROM shop.pt_osc",
        "INSERT INTO shop.pt_osc (id, c, n) VALUES (" + (ROWS + 1) + ", 'during', 1)",
        "RENAME TABLE shop.pt_osc TO shop._pt_osc_old, shop._pt_osc_new TO shop.pt_osc",
        "DROP TRIGGER shop.pt_osc_ins",
        "DROP TABLE shop._pt_osc_old",
        "DROP TABLE shop.dropped",
        "TRUNCATE TABLE shop.truncated",
        "INSERT INTO shop.truncated (id, c, n) VALUES (1, 'after', 1), (2, 'truncate', 2)",
        "CREATE TABLE shop.created (id INT PRIMARY KEY, v VARCHAR(10))",
        "INSERT INTO shop.created VALUES (1, 'one'), (2, 'two')",
        "ALTER TABLE shop.audit ADD COLUMN at INT DEFAULT 0",
        "INSERT INTO shop.audit VALUES ('a', 1, 0), ('a', 1, 0)");
    awaitChunksDone(pair.target(), 12);
    load.stop();
    // while the worker is down between attempts
    source.execute("ALTER TABLE shop.zz_downtime_add ADD COLUMN d DATE DEFAULT '2020-01-01'",
        "UPDATE shop.zz_downtime_add SET d = '2021-02-03' WHERE id % 4 = 0",
        "ALTER TABLE shop.zz_downtime_drop DROP COLUMN n");
    spec.getFullLoad().getThrottle().setRowsPerSecond(null);
    assertThat(EnginePhases.load(context, 0, 1).complete()).isTrue();

    PhaseThread phase = PhaseThread.incremental(context);
    Thread.sleep(1000);
    writer.stop();
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    sink.setSpec(cutover);
    phase.awaitDone(Duration.ofSeconds(120));

    Map<String, String> expected = tables(source);
    Map<String, String> actual = tables(pair.target());
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(actual.keySet()).as("tables").isEqualTo(expected.keySet());
    for (String table : expected.keySet()) {
      softly.assertThat(actual.get(table)).as("definition of %s", table)
          .isEqualTo(expected.get(table));
      if (actual.containsKey(table)) {
        softly.assertThat(rows(pair.target(), table)).as("rows of %s", table)
            .isEqualTo(rows(source, table));
      }
    }
    softly.assertAll();
  }

  /** The rows of {@code table}, sorted (a multiset: the keyless table has duplicates). */
  private static List<String> rows(DatabaseServer server, String table) throws Exception {
    return LoadFixture.hexRows(server, "SELECT * FROM shop." + table).stream()
        .map(String::valueOf).sorted().toList();
  }

  private static String renameColumn(Flavor flavor) {
    return flavor == Flavor.MYSQL57
        ? "ALTER TABLE shop.rename_col CHANGE c c3 VARCHAR(40)"
        : "ALTER TABLE shop.rename_col RENAME COLUMN c TO c3";
  }

  private static void keyed(DatabaseServer source, String table) throws Exception {
    source.execute("CREATE TABLE shop." + table + " (id INT PRIMARY KEY, c VARCHAR(40),"
        + " n INT, KEY by_n (n))");
    StringBuilder insert = new StringBuilder("INSERT INTO shop." + table + " VALUES ");
    for (int i = 1; i <= ROWS; i++) {
      insert.append(i > 1 ? ", " : "").append('(').append(i).append(", 'c").append(i)
          .append("', ").append(i % 10).append(')');
    }
    source.execute(insert.toString());
  }

  private static void awaitChunksDone(DatabaseServer target, int done) {
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> ((Number) target.query("SELECT COUNT(*)"
        + " FROM ferry_meta.fullload_chunks WHERE state = 'done'").get(0).get(0)).intValue()
        >= done);
  }

  /** Every table of {@code shop} with its definition (without the AUTO_INCREMENT counter). */
  private static Map<String, String> tables(DatabaseServer server) throws Exception {
    Map<String, String> tables = new TreeMap<>();
    for (List<Object> row : server.query("SELECT TABLE_NAME FROM information_schema.TABLES"
        + " WHERE TABLE_SCHEMA = 'shop'")) {
      String name = (String) row.get(0);
      String ddl = (String) server.query("SHOW CREATE TABLE shop." + name).get(0).get(1);
      tables.put(name, ddl.replaceAll(" AUTO_INCREMENT=\\d+", ""));
    }
    return tables;
  }

  /** Writes to the tables that keep their columns while the load and the CDC run. */
  private static final class Writer {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    private Writer(DatabaseServer source) {
      thread = new Thread(() -> {
        int i = 0;
        try {
          while (running.get()) {
            i++;
            int id = 1 + (i * 37) % ROWS;
            List<String> statements = new ArrayList<>();
            for (String table : List.of("before_add", "add_index", "drop_index", "truncated",
                "zz_downtime_add")) {
              statements.add("UPDATE shop." + table + " SET n = n + 1 WHERE id = " + id);
            }
            statements.add("INSERT INTO shop.add_index (id, c, n) VALUES (" + (ROWS + i)
                + ", 'w', 1)");
            statements.add("DELETE FROM shop.drop_index WHERE id = " + id);
            source.execute(statements.toArray(String[]::new));
            Thread.sleep(15);
          }
        } catch (Exception e) {
          failure.set(e);
        }
      }, "source-writer");
      thread.start();
    }

    static Writer start(DatabaseServer source) {
      return new Writer(source);
    }

    void stop() throws Exception {
      running.set(false);
      thread.join();
      if (failure.get() != null) {
        throw failure.get();
      }
    }
  }
}
