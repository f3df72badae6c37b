package dev.ferry.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.ValidationStage;
import dev.ferry.api.v1alpha1.ValidationStatus;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cdc.PhaseThread;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A schema of many small tables through mode All: precheck, schema, full load, the stream
 * (started, a row inserted into every table, a column added to one, a parent row deleted with
 * its cascade, the validation pass after the full load, then the cutover drained) and the
 * validation at the cutover. The catalog statements each server receives, counted by its general
 * query log, do not grow with the number of tables, but for the reads that name one table for a
 * reason each assertion gives.
 */
class ManyTablesStreamTest {

  private static final int FEW = 100;
  private static final int MANY = 300;
  private static final String ROWS = "SELECT * FROM saas.%s ORDER BY id";
  private static final List<String> CHANGED = List.of("t00001", "t00002", "t00003", "account",
      "invoice");

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(value = Flavor.class, names = {"MARIADB", "MYSQL"})
  void catalogQueriesDoNotGrowWithTheTableCount(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    CatalogRun few = run(pair, FEW);
    CatalogRun many = run(pair, MANY);

    many.assertNoMoreThan(few, FEW, MANY);
    assertThat(many.target().get("information_schema, one table"))
        .as("information_schema reads of one table on the target: %s for %d tables, %s for %d",
            many.target(), MANY, few.target(), FEW)
        .isLessThanOrEqualTo(few.target().get("information_schema, one table"));
    assertThat(many.target().get("SHOW CREATE TABLE"))
        .as("the target's definitions: %s for %d tables, %s for %d", many.target(), MANY,
            few.target(), FEW)
        .isLessThanOrEqualTo(few.target().get("SHOW CREATE TABLE"));
    assertThat(many.source().get("information_schema, one table"))
        .as("the source's columns of one table: checked once per chunk the full load reads (%s)",
            many.source())
        .isLessThanOrEqualTo(few.source().get("information_schema, one table") + MANY - FEW);
    assertThat(many.source().get("SHOW CREATE TABLE"))
        .as("the source's definitions: read once each by the schema phase, the full load and the"
            + " capture of the schema history where the stream starts (%s)", many.source())
        .isLessThanOrEqualTo(few.source().get("SHOW CREATE TABLE") + 3L * (MANY - FEW));
    for (String table : CHANGED) {
      String rows = String.format(ROWS, table);
      assertThat(LoadFixture.hexRows(pair.target(), rows)).as(table)
          .isEqualTo(LoadFixture.hexRows(pair.source(), rows));
    }
    assertThat(pair.target().query(String.format("SELECT COUNT(*) FROM saas.t%05d", MANY)))
        .as("the row streamed into the last table").containsExactly(List.of(4L));
    assertThat(LoadFixture.hexRows(pair.target(), "SELECT extra FROM saas.t00003 WHERE id = 4"))
        .as("the row written after the column was added").hasSize(1);
  }

  /**
   * Creates {@code tables} tables of three rows and runs mode All over them, counted, with row
   * changes and a column added while the stream runs.
   */
  private static CatalogRun run(DatabasePair pair, int tables) throws Exception {
    pair.reset();
    DatabaseServer source = pair.source();
    createTables(source, tables);
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "saas");
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/saas-" + tables, sink, source, pair.target());
    CatalogQueryCounter sourceCounter = new CatalogQueryCounter(source);
    CatalogQueryCounter targetCounter = new CatalogQueryCounter(pair.target());
    sourceCounter.start();
    targetCounter.start();
    EnginePhases phases = new EnginePhases();
    StringBuilder took = new StringBuilder();
    long started = System.nanoTime();
    for (Phase phase : List.of(Phase.Precheck, Phase.Schema, Phase.FullLoad)) {
      phases.run(phase, context);
      took.append(String.format(" %s %.1f s", phase, (System.nanoTime() - started) / 1e9));
      started = System.nanoTime();
    }
    PhaseThread stream = PhaseThread.start("incremental-phase", () -> {
      phases.run(Phase.Incremental, context);
      return null;
    });
    List<String> changes = new ArrayList<>();
    for (int i = 1; i <= tables; i++) {
      changes.add(String.format("INSERT INTO saas.t%05d VALUES (10, 10, 'streamed')", i));
    }
    changes.addAll(List.of("UPDATE saas.t00002 SET note = 'changed' WHERE id = 2",
        "DELETE FROM saas.account WHERE id = 2",
        "ALTER TABLE saas.t00003 ADD COLUMN extra INT",
        "INSERT INTO saas.t00003 VALUES (4, 9, 'd', 10)",
        "INSERT INTO saas.t00001 VALUES (4, 9, 'd')",
        "INSERT INTO saas.account VALUES (9, 'last')"));
    source.execute(changes.toArray(String[]::new));
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
        .until(() -> stream.alive() && LoadFixture.hexRows(pair.target(),
            "SELECT id FROM saas.account WHERE id = 9").size() == 1 && validatedWhileStreaming(
            sink));
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    sink.setSpec(cutover);
    stream.awaitDone(Duration.ofSeconds(90));
    took.append(String.format(" %s %.1f s", Phase.Incremental,
        (System.nanoTime() - started) / 1e9));
    started = System.nanoTime();
    phases.run(Phase.Validation, context);
    took.append(String.format(" %s %.1f s", Phase.Validation,
        (System.nanoTime() - started) / 1e9));
    CatalogRun run = new CatalogRun(notCatalogApart(source, sourceCounter.stop()),
        notCatalogApart(pair.target(), targetCounter.stop()));
    System.out.printf("%s, %d tables:%s%n  source %s%n  target %s%n", source.flavor(), tables,
        took, run.source(), run.target());
    return run;
  }

  /**
   * Counts apart from the other SHOW statements two kinds that read no catalog: the binary log's
   * position, read once per chunk that the validation compares while the stream runs (each chunk
   * at its own position: they grow with the tables as the rows do), and the driver's reads of
   * warnings (MySQL 5.7 raises one on the session setup of each connection the driver opens).
   */
  private static Map<String, Long> notCatalogApart(DatabaseServer server,
      Map<String, Long> counts) throws Exception {
    long positions = count(server, "IN ('SHOW MASTER STATUS', 'SHOW BINARY LOG STATUS',"
        + " 'SHOW BINLOG STATUS')");
    long warnings = count(server, "= 'SHOW WARNINGS'");
    Map<String, Long> apart = new LinkedHashMap<>(counts);
    apart.put("other SHOW", counts.get("other SHOW") - positions - warnings);
    apart.put("binlog position", positions);
    apart.put("SHOW WARNINGS", warnings);
    return apart;
  }

  private static long count(DatabaseServer server, String argument) throws Exception {
    return ((Number) server.query("SELECT COUNT(*) FROM mysql.general_log"
        + " WHERE command_type IN ('Query', 'Execute') AND CONVERT(argument USING utf8mb4) "
        + argument).get(0).get(0)).longValue();
  }

  /** Whether the validation pass after the full load (while the stream runs) is complete. */
  private static boolean validatedWhileStreaming(InMemoryStatusSink sink) {
    ValidationStatus validation = sink.status().getValidation();
    return validation != null && validation.getStage() == ValidationStage.AfterFullLoad
        && validation.getCompletedAt() != null;
  }

  private static void createTables(DatabaseServer source, int tables) throws Exception {
    List<String> statements = new ArrayList<>();
    statements.add("CREATE DATABASE saas");
    statements.add("CREATE TABLE saas.account (id INT PRIMARY KEY, name VARCHAR(20),"
        + " UNIQUE KEY by_name (name))");
    statements.add("INSERT INTO saas.account VALUES (1, 'one'), (2, 'two')");
    statements.add("CREATE TABLE saas.invoice (id INT PRIMARY KEY, account INT, KEY (account),"
        + " FOREIGN KEY (account) REFERENCES saas.account (id) ON DELETE CASCADE)");
    statements.add("INSERT INTO saas.invoice VALUES (1, 1), (2, 2)");
    for (int i = 1; i <= tables; i++) {
      String table = String.format("saas.t%05d", i);
      statements.add("CREATE TABLE " + table + " (id INT PRIMARY KEY, customer INT,"
          + " note VARCHAR(20), KEY by_customer (customer))");
      statements.add("INSERT INTO " + table + " VALUES (1, 7, 'a'), (2, 8, 'b'), (3, 7, NULL)");
    }
    source.execute(statements.toArray(String[]::new));
  }

}
