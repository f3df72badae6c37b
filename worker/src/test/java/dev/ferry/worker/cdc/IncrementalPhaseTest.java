package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.rules.CheckpointOrder;
import dev.ferry.api.v1alpha1.ColumnRename;
import dev.ferry.api.v1alpha1.DmlOperation;
import dev.ferry.api.v1alpha1.FenceMode;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.OnlineDdlPolicy;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.api.v1alpha1.TableRule;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The incremental phase end to end on real servers: a randomized workload with DDL and an online
 * schema change runs during the full load and the replication, the phase is killed at random
 * points and resumed, and finally source and target are equal and no checkpoint went backwards.
 */
class IncrementalPhaseTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void randomWorkloadWithKillsConverges(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    Workload.seed(pair.source());
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "shop");
    spec.getIncremental().setApplyThreads(4);
    spec.getIncremental().setBatchSize(50);
    spec.getIncremental().setSafeModeWindow("2s");
    spec.getIncremental().getOnlineDdl().setPolicy(OnlineDdlPolicy.SkipGhost);
    InMemoryStatusSink memory = new InMemoryStatusSink(spec, null);
    RecordingSink sink = new RecordingSink(memory);
    TaskContext context = LoadFixture.context("ns/cdc-" + flavor, null, pair.source(),
        pair.target());
    context = new TaskContext(context.taskId(), context.runId(), sink, context.secrets());

    Random random = new Random(11);
    try (Workload workload = new Workload(pair.source())) {
      SchemaMigrator.migrate(context);
      EnginePhases.load(context, 0, 1);
      for (int kill = 0; kill < 3; kill++) {
        long before = workload.operations();
        PhaseThread phase = PhaseThread.incremental(context);
        long wanted = before + 600 + random.nextInt(900);
        awaitWorkload(pair, () -> workload.operations() > wanted);
        phase.stop();
      }
      awaitWorkload(pair, () -> workload.operations() > 3600);
    }
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    memory.setSpec(cutover);
    PhaseThread last = PhaseThread.incremental(context);
    last.awaitDone(Duration.ofSeconds(120));

    assertSameData(pair, "shop.orders", "id, customer, note, amount, flag");
    assertSameData(pair, "shop.items", "order_id, line, qty, note");
    assertThat(pair.target().query("SELECT TABLE_NAME FROM information_schema.TABLES"
        + " WHERE TABLE_SCHEMA = 'shop' ORDER BY TABLE_NAME"))
        .as("gh-ost shadow and helper tables are not replicated")
        .containsExactly(List.of("items"), List.of("orders"));
    assertMonotonic(sink.proposed());
    assertThat(memory.status().getCutover().getDrainedAt()).isNotNull();
  }

  /**
   * Waits for the source workload; when it stalls, says what the source's sessions were doing
   * (a lock one of them waits for).
   */
  private static void awaitWorkload(DatabasePair pair, Callable<Boolean> progressed)
      throws Exception {
    try {
      await().atMost(Duration.ofSeconds(60)).until(progressed);
    } catch (ConditionTimeoutException stalled) {
      throw new AssertionError("the source workload stalled; its sessions: "
          + pair.source().query("SELECT ID, COMMAND, TIME, STATE, INFO FROM"
          + " information_schema.PROCESSLIST WHERE COMMAND <> 'Sleep'"), stalled);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void rulesRenameFilterAndSelectOperations(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    pair.source().execute("CREATE DATABASE crm",
        "CREATE TABLE crm.customers (id INT PRIMARY KEY, region CHAR(2), name VARCHAR(40))",
        "CREATE TABLE crm.audit (id INT PRIMARY KEY, what VARCHAR(40))",
        "INSERT INTO crm.customers VALUES (1, 'eu', 'Ann'), (2, 'us', 'Bob')",
        "INSERT INTO crm.audit VALUES (1, 'created')");
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "crm");
    spec.setMode(Mode.All);
    TableRule customers = new TableRule();
    customers.setMatch("crm.customers");
    customers.setTargetSchema("sales");
    customers.setTargetTable("clients");
    customers.setWhere("region = 'eu'");
    ColumnRename rename = new ColumnRename();
    rename.setFrom("name");
    rename.setTo("full_name");
    customers.getColumns().add(rename);
    TableRule audit = new TableRule();
    audit.setMatch("crm.audit");
    audit.setOperations(new ArrayList<>(List.of(DmlOperation.Insert, DmlOperation.Update)));
    spec.getObjects().getRules().addAll(List.of(customers, audit));
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/rules-" + flavor, sink, pair.source(),
        pair.target());
    SchemaMigrator.migrate(context);
    EnginePhases.load(context, 0, 1);
    PhaseThread phase = PhaseThread.incremental(context);

    pair.source().execute(
        "INSERT INTO crm.customers VALUES (3, 'eu', 'Cem'), (4, 'us', 'Dan')",
        "UPDATE crm.customers SET region = 'eu' WHERE id = 2",
        "UPDATE crm.customers SET region = 'us' WHERE id = 1",
        "UPDATE crm.customers SET name = 'Cemal' WHERE id = 3",
        "INSERT INTO crm.audit VALUES (2, 'updated')",
        "UPDATE crm.audit SET what = 'created!' WHERE id = 1",
        "DELETE FROM crm.audit WHERE id = 2");
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    sink.setSpec(cutover);
    phase.awaitDone(Duration.ofSeconds(60));

    assertThat(pair.target().query("SELECT id, region, full_name FROM sales.clients ORDER BY id"))
        .as("moved into the filter: inserted; moved out: deleted; renames applied")
        .containsExactly(List.of(2, "eu", "Bob"), List.of(3, "eu", "Cemal"));
    assertThat(pair.target().query("SELECT id, what FROM crm.audit ORDER BY id"))
        .as("deletes are not replicated for crm.audit")
        .containsExactly(List.of(1, "created!"), List.of(2, "updated"));
  }

  @Test
  void aShadowTableAlterSurvivesARestartBeforeTheSwap() throws Exception {
    DatabasePair pair = dbs.pair(Flavor.MARIADB, Flavor.MARIADB);
    pair.reset();
    for (DatabaseServer server : List.of(pair.source(), pair.target())) {
      server.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)");
    }
    pair.source().execute("INSERT INTO app.t VALUES (1, 1)");
    pair.target().execute("INSERT INTO app.t VALUES (1, 1)");
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "app");
    spec.setMode(Mode.Incremental);
    spec.getIncremental().getOnlineDdl().setPolicy(OnlineDdlPolicy.SkipGhost);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/ghost-restart", sink, pair.source(),
        pair.target());
    PhaseThread first = PhaseThread.incremental(context);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> first.alive() && !sink.status().getCheckpoints().isEmpty());
    pair.source().execute("CREATE TABLE app._t_gho LIKE app.t",
        "ALTER TABLE app._t_gho ADD COLUMN flag INT NOT NULL DEFAULT 0",
        "INSERT INTO app._t_gho (id, v) SELECT id, v FROM app.t");
    await("the shadow's ALTER is kept on the target").atMost(Duration.ofSeconds(30))
        .until(() -> first.alive() && pair.target().query(
            "SELECT COUNT(*) FROM ferry_meta.online_ddl").get(0).get(0).toString().equals("1"));
    first.stop();

    pair.source().execute("RENAME TABLE app.t TO app._t_del, app._t_gho TO app.t",
        "INSERT INTO app.t (id, v, flag) VALUES (2, 2, 7)");
    PhaseThread second = PhaseThread.incremental(context);
    await().atMost(Duration.ofSeconds(30)).until(() -> second.alive() && pair.target()
        .query("SELECT COUNT(*) FROM app.t WHERE id = 2").get(0).get(0).toString().equals("1"));
    assertThat(pair.target().query("SELECT id, v, flag FROM app.t ORDER BY id"))
        .containsExactly(List.of(1, 1, 0), List.of(2, 2, 7));
    assertThat(pair.target().query("SELECT COUNT(*) FROM ferry_meta.online_ddl"))
        .containsExactly(List.of(0L));
    second.stop();
  }

  @Test
  void heartbeatKeepsTheLagHonestAndRetentionRiskIsReported() throws Exception {
    DatabasePair pair = dbs.pair(Flavor.MARIADB, Flavor.MARIADB);
    pair.reset();
    for (DatabaseServer server : List.of(pair.source(), pair.target())) {
      server.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)");
    }
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "app");
    spec.setMode(Mode.Incremental);
    spec.getIncremental().getHeartbeat().setEnabled(true);
    spec.getIncremental().getHeartbeat().setInterval("200ms");
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/heartbeat", sink, pair.source(),
        pair.target());
    PhaseThread first = PhaseThread.incremental(context);
    await("mode Incremental starts from now").atMost(Duration.ofSeconds(30))
        .until(() -> first.alive() && !sink.status().getCheckpoints().isEmpty());
    pair.source().execute("INSERT INTO app.t VALUES (1, 1), (2, 2)");
    await().atMost(Duration.ofSeconds(30))
        .until(() -> first.alive() && pair.target().query("SELECT COUNT(*) FROM app.t").get(0)
            .get(0).toString().equals("2"));
    first.stop();

    pair.source().execute("INSERT INTO app.t VALUES (3, 3)", "FLUSH BINARY LOGS",
        "FLUSH BINARY LOGS");
    PhaseThread second = PhaseThread.incremental(context);
    await().atMost(Duration.ofSeconds(30)).until(() -> sink.history().stream().anyMatch(
        s -> s.getReplication() != null && s.getReplication().getBinlogAtRisk() != null));
    await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(2))
        .until(() -> sink.status().getReplication().getLagSeconds() == 0
            && pair.target().query("SELECT COUNT(*) FROM app.t").get(0).get(0).toString()
            .equals("3"));
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    cutover.getCutover().setFence(FenceMode.ReadOnly);
    sink.setSpec(cutover);
    try {
      second.awaitDone(Duration.ofSeconds(60));
      assertThat(pair.source().variable("read_only")).as("source fenced").isEqualTo("ON");
    } finally {
      pair.source().execute("SET GLOBAL read_only = OFF");
    }
    assertThat(sink.status().getCutover().getFencedAt()).isNotNull();
    assertThat(sink.status().getCutover().getWriteDowntimeSeconds()).isBetween(0.0, 30.0);

    assertThat(pair.source().query("SELECT source FROM ferry.heartbeat"))
        .containsExactly(List.of("src"));
    assertThat(pair.target().query("SELECT COUNT(*) FROM information_schema.SCHEMATA"
        + " WHERE SCHEMA_NAME = 'ferry'")).as("the heartbeat schema is not migrated")
        .containsExactly(List.of(0L));
    assertThat(sink.history().stream().filter(s -> s.getReplication() != null
        && s.getReplication().getBinlogAtRisk() != null).findFirst().orElseThrow()
        .getReplication().getBinlogAtRisk()).contains("source src", "oldest binlog");
  }

  private static void assertSameData(DatabasePair pair, String table, String columns)
      throws Exception {
    assertThat(LoadFixture.checksum(pair.target(), table, columns)).as(table)
        .isEqualTo(LoadFixture.checksum(pair.source(), table, columns));
  }

  private static void assertMonotonic(List<SourceCheckpoint> proposed) {
    assertThat(proposed).isNotEmpty();
    Map<String, SourceCheckpoint> last = new HashMap<>();
    for (SourceCheckpoint checkpoint : proposed) {
      SourceCheckpoint previous = last.put(checkpoint.getSource(), checkpoint);
      assertThat(CheckpointOrder.isBehind(previous, checkpoint))
          .as("checkpoint %s after %s", describe(checkpoint), describe(previous)).isFalse();
    }
  }

  private static String describe(SourceCheckpoint checkpoint) {
    return checkpoint == null ? "none" : checkpoint.getFile() + ":" + checkpoint.getPosition()
        + " " + checkpoint.getGtidSet();
  }
}
