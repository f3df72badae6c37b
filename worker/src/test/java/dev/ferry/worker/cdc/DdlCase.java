package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.OnlineDdlPolicy;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One DDL case during CDC: a schema of its own on a source and target of one flavour, created
 * alike on both, and the incremental phase (mode Incremental) replicating it. {@link #source}
 * runs statements in that schema on the source; {@link #assertConverged} waits until the target
 * holds the same tables, with the same definitions (SHOW CREATE TABLE without the AUTO_INCREMENT
 * counter) and the same multiset of rows.
 */
final class DdlCase implements AutoCloseable {

  private static final Pattern AUTO_INCREMENT = Pattern.compile(" AUTO_INCREMENT=\\d+");
  private static final Pattern DDL =
      Pattern.compile("^(ALTER|CREATE|DROP|RENAME|TRUNCATE)\\b", Pattern.CASE_INSENSITIVE);
  private static final Duration CONVERGE = Duration.ofSeconds(30);

  private final DatabasePair pair;
  private final String schema;
  private final List<String> schemas;
  private final TaskContext context;
  private final InMemoryStatusSink sink;
  private final Pattern compared;
  private PhaseThread phase;

  private DdlCase(DatabasePair pair, List<String> schemas, TaskContext context,
      InMemoryStatusSink sink, Pattern compared) {
    this.pair = pair;
    this.schema = schemas.get(0);
    this.schemas = schemas;
    this.context = context;
    this.sink = sink;
    this.compared = compared;
  }

  /** A case without online-DDL handling (policy Migrate). */
  static DdlCase start(DatabasePair pair, String schema, String... setup) throws Exception {
    return start(pair, schema, OnlineDdlPolicy.Migrate, setup);
  }

  /**
   * Creates {@code schema} (and {@code schema_out}, which is not migrated) on both servers, runs
   * {@code setup} in it on both, and starts the incremental phase from the source's position now.
   */
  static DdlCase start(DatabasePair pair, String schema, OnlineDdlPolicy online, String... setup)
      throws Exception {
    return start(pair, List.of(schema), online, setup);
  }

  /**
   * Like {@link #start(DatabasePair, String, OnlineDdlPolicy, String...)} with more migrated
   * schemas after the first, {@code schemas.get(0)}: each is dropped on both servers first (the
   * case creates it where it needs it) and compared like the first.
   */
  static DdlCase start(DatabasePair pair, List<String> schemas, OnlineDdlPolicy online,
      String... setup) throws Exception {
    String schema = schemas.get(0);
    for (DatabaseServer server : List.of(pair.source(), pair.target())) {
      for (String more : schemas.subList(1, schemas.size())) {
        server.execute("DROP DATABASE IF EXISTS `" + more + "`");
      }
      server.execute("DROP DATABASE IF EXISTS `" + schema + "`",
          "DROP DATABASE IF EXISTS `" + schema + "_out`",
          "CREATE DATABASE `" + schema + "`");
      inSchema(server, schema, setup);
    }
    pair.source().execute("CREATE DATABASE `" + schema + "_out`");
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(),
        schemas.toArray(String[]::new));
    spec.setMode(Mode.Incremental);
    spec.getIncremental().getOnlineDdl().setPolicy(online);
    Pattern compared = online == OnlineDdlPolicy.SkipGhost
        ? Pattern.compile("(?!_.+_(gho|ghc|new|del|old)$).*") : Pattern.compile(".*");
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext fixture = LoadFixture.context("ns/ddl-" + schema + "-"
        + pair.source().flavor(), sink, pair.source(), pair.target());
    // a run of its own: the servers outlive a test run, and so do the ledgers in ferry_meta
    TaskContext context = new TaskContext(fixture.taskId(), UUID.randomUUID().toString(), sink,
        fixture.secrets());
    DdlCase ddlCase = new DdlCase(pair, schemas, context, sink, compared);
    ddlCase.startPhase();
    return ddlCase;
  }

  /** The task's spec, which each start of the phase reads. */
  MigrationTaskSpec spec() {
    return context.spec();
  }

  Flavor flavor() {
    return pair.source().flavor();
  }

  /**
   * Runs {@code statements} on the source with the case's schema as default schema. On MySQL 5.7
   * each DDL waits until the target has caught up: its row events do not name their columns, and
   * rows logged before a DDL but read after it are decoded with the columns the table has now
   * (issue 19, schema history); {@link #source(boolean, String...)} with false does not wait.
   */
  void source(String... statements) throws SQLException {
    source(true, statements);
  }

  void source(boolean catchUpBeforeDdlOn57, String... statements) throws SQLException {
    for (String statement : statements) {
      if (catchUpBeforeDdlOn57 && flavor() == Flavor.MYSQL57 && DDL.matcher(statement).find()) {
        PhaseThread running = phase;
        await("caught up before: " + statement).atMost(CONVERGE)
            .pollInterval(Duration.ofMillis(100)).until(() -> running.alive() && sameSnapshots());
      }
      inSchema(pair.source(), schema, statement);
    }
  }

  /** Whether the phase runs; throws what it failed with. */
  boolean running() throws Exception {
    return phase != null && phase.alive();
  }

  /** Runs {@code statements} on the target in the case's schema (a change made ahead). */
  void target(String... statements) throws SQLException {
    inSchema(pair.target(), schema, statements);
  }

  /** Stops the incremental phase (like a deleted pod). */
  void stopPhase() throws Exception {
    phase.stop();
    phase = null;
  }

  /** Starts the incremental phase and waits until it has a checkpoint. */
  void startPhase() {
    PhaseThread started = PhaseThread.incremental(context);
    phase = started;
    await("the incremental phase starts").atMost(CONVERGE)
        .until(() -> started.alive() && !sink.status().getCheckpoints().isEmpty());
  }

  /** Waits until the target equals the source, then stops the phase and compares once more. */
  void assertConverged() throws Exception {
    PhaseThread running = phase;
    try {
      await("the target equals the source").atMost(CONVERGE)
          .pollInterval(Duration.ofMillis(200)).until(() -> running.alive() && sameSnapshots());
    } catch (ConditionTimeoutException differs) {
      assertThat(snapshot(pair.target())).as("target after %s", CONVERGE)
          .isEqualTo(snapshot(pair.source()));
    }
    stopPhase();
    assertThat(snapshot(pair.target())).isEqualTo(snapshot(pair.source()));
  }

  /** Whether both snapshots are equal; false while a table changes under the reads. */
  private boolean sameSnapshots() {
    try {
      return snapshot(pair.target()).equals(snapshot(pair.source()));
    } catch (SQLException changing) {
      return false;
    }
  }

  /** Waits for the phase to fail and returns what it failed with. */
  Exception awaitFailure() throws InterruptedException {
    Exception failure = phase.awaitFailure(CONVERGE);
    phase = null;
    return failure;
  }

  /**
   * Every compared table of the case's schemas that exist (keyed {@code schema.table}, or the
   * table name alone in the first schema): its definition and its sorted rows; and which of the
   * schemas after the first exist.
   */
  Map<String, List<Object>> snapshot(DatabaseServer server) throws SQLException {
    Map<String, List<Object>> tables = new LinkedHashMap<>();
    List<Object> present = new ArrayList<>();
    for (String one : schemas) {
      if (!server.query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + one
          + "'").isEmpty()) {
        present.add(one);
      }
    }
    tables.put("(schemas)", present);
    for (List<Object> row : server.query("SELECT TABLE_SCHEMA, TABLE_NAME"
        + " FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ('" + String.join("', '",
        schemas) + "') AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
      String owner = row.get(0).toString();
      String table = row.get(1).toString();
      if (!compared.matcher(table).matches()) {
        continue;
      }
      String qualified = "`" + owner + "`.`" + table + "`";
      String definition = server.query("SHOW CREATE TABLE " + qualified).get(0).get(1)
          .toString();
      List<String> rows = new ArrayList<>();
      for (List<String> values : LoadFixture.hexRows(server, "SELECT * FROM " + qualified)) {
        rows.add(String.join("|", values.stream().map(String::valueOf).toList()));
      }
      rows.sort(null);
      tables.put(owner.equals(schema) ? table : owner + "." + table,
          List.of(AUTO_INCREMENT.matcher(definition).replaceAll(""), rows));
    }
    return tables;
  }

  @Override
  public void close() throws Exception {
    if (phase != null) {
      try {
        phase.stop();
      } catch (Exception alreadyReported) {
        // the phase failed, and the case failed with that failure already (its await rethrows)
      }
    }
  }

  private static void inSchema(DatabaseServer server, String schema, String... statements)
      throws SQLException {
    String[] all = new String[statements.length + 1];
    all[0] = "USE `" + schema + "`";
    System.arraycopy(statements, 0, all, 1, statements.length);
    server.execute(all);
  }
}
