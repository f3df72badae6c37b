package dev.ferry.worker.cdc.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.rules.CheckpointOrder;
import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.ColumnRename;
import dev.ferry.api.v1alpha1.CutoverStatus;
import dev.ferry.api.v1alpha1.FenceMethod;
import dev.ferry.api.v1alpha1.FenceMode;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.ReverseState;
import dev.ferry.api.v1alpha1.ReverseStatus;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.binlog.BinlogPositions;
import dev.ferry.worker.cdc.IncrementalPhase;
import dev.ferry.worker.cdc.PhaseThread;
import dev.ferry.worker.db.MissingSecretException;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.schema.SchemaMigrator;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import dev.ferry.worker.validation.ReplicatingValidation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rollback path on real servers: a task with spec.cutover.reverse is cut over with the old
 * source fenced read-only, the application then writes on the new target, and the reverse stream
 * carries every write back to the old source under the original names, exactly once across a
 * kill, until the flag is cleared.
 */
class ReversePhaseTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest(name = "old source {0}, new target MariaDB")
  @EnumSource(Flavor.class)
  void carriesTargetWritesBackToTheOldSourceExactlyOnce(Flavor sourceFlavor) throws Exception {
    DatabasePair pair = dbs.pair(sourceFlavor, Flavor.MARIADB);
    pair.reset();
    DatabaseServer source = pair.source();
    DatabaseServer target = pair.target();
    source.execute("CREATE DATABASE crm",
        "CREATE TABLE crm.customers (id INT PRIMARY KEY, region CHAR(2), name VARCHAR(40))",
        "CREATE TABLE crm.events (what VARCHAR(40))",
        "INSERT INTO crm.customers VALUES (1, 'eu', 'Ann'), (2, 'us', 'Bob')",
        "INSERT INTO crm.events VALUES ('seeded')");
    MigrationTaskSpec spec = renamingSpec(pair);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/reverse-" + sourceFlavor, sink, source,
        target);
    SchemaMigrator.migrate(context);
    EnginePhases.load(context, 0, 1);
    PhaseThread forward = PhaseThread.start("incremental", () -> {
      IncrementalPhase.run(context, new ReplicatingValidation(context),
            EnginePhases.tableCopier(context));
      return null;
    });
    source.execute("INSERT INTO crm.customers VALUES (3, 'eu', 'Cem')");
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    cutover.getCutover().setFence(FenceMode.ReadOnly);
    sink.setSpec(cutover);
    try {
      forward.awaitDone(TIMEOUT);
      assertThat(source.variable("read_only")).as("old source fenced").isEqualTo("ON");
      BinlogPosition cutoverPosition = sink.status().getCutover().getTargetPosition();
      assertThat(cutoverPosition).as("target position recorded at the drain").isNotNull();

      target.execute("INSERT INTO sales.clients (id, region, full_name) VALUES (4, 'eu', 'Dan')");
      PhaseThread reverse = PhaseThread.start("reverse", () -> {
        ReversePhase.run(context);
        return null;
      });
      await().atMost(TIMEOUT).until(() -> reverse.alive() && sink.status().getReverse() != null);
      target.execute(
          "UPDATE sales.clients SET full_name = 'Ann B.' WHERE id = 1",
          "DELETE FROM sales.clients WHERE id = 2",
          "INSERT INTO crm.events VALUES ('on target'), ('on target')",
          "CREATE TABLE sales.scratch (id INT PRIMARY KEY)",
          "INSERT INTO sales.scratch VALUES (1)");
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(reverse.alive()).isTrue();
        assertThat(source.query("SELECT id, region, name FROM crm.customers ORDER BY id"))
            .as("renamed table and column written back under the source names; status %s",
                Serialization.asJson(sink.status().getReverse()))
            .containsExactly(List.of(1, "eu", "Ann B."), List.of(3, "eu", "Cem"),
                List.of(4, "eu", "Dan"));
        assertThat(events(source)).containsExactlyInAnyOrder("seeded", "on target",
            "on target");
      });
      target.execute("ALTER TABLE sales.clients MODIFY full_name VARCHAR(60)",
          "ALTER TABLE sales.clients ADD COLUMN vip TINYINT NOT NULL DEFAULT 0",
          "UPDATE sales.clients SET vip = 1 WHERE id = 3");
      // the column vip may not be replayed yet when the first assertion passes
      await().atMost(TIMEOUT).ignoreExceptionsInstanceOf(SQLException.class).untilAsserted(() -> {
        assertThat(reverse.alive()).isTrue();
        assertThat(source.query("SELECT COLUMN_TYPE FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = 'crm' AND TABLE_NAME = 'customers'"
            + " AND COLUMN_NAME = 'name'")).as("DDL replayed under the source names (ddlPolicy"
            + " Apply)").containsExactly(List.of("varchar(60)"));
        assertThat(source.query("SELECT id FROM crm.customers WHERE vip = 1"))
            .containsExactly(List.of(3));
      });
      await().atMost(TIMEOUT).until(() -> checkpoint(sink) != null);
      ReverseStatus streaming = sink.status().getReverse();
      assertThat(streaming.getState()).isEqualTo(ReverseState.Streaming);
      assertThat(streaming.getSource()).isEqualTo("src");
      assertThat(Serialization.asJson(streaming.getFrom()))
          .isEqualTo(Serialization.asJson(cutoverPosition));
      assertThat(streaming.getLagSeconds()).isNotNull();
      SourceCheckpoint beforeKill = checkpoint(sink);
      reverse.stop();

      target.execute("INSERT INTO crm.events VALUES ('while stopped')",
          "UPDATE sales.clients SET region = 'us' WHERE id = 4");
      PhaseThread resumed = PhaseThread.start("reverse", () -> {
        ReversePhase.run(context);
        return null;
      });
      await().atMost(TIMEOUT).until(() -> resumed.alive() && events(source).size() >= 4
          && source.query("SELECT region FROM crm.customers WHERE id = 4")
          .equals(List.of(List.of("us"))));
      assertThat(events(source)).as("no change applied twice across the kill")
          .containsExactlyInAnyOrder("seeded", "on target", "on target", "while stopped");
      await().atMost(TIMEOUT).until(() -> !Objects.equals(position(checkpoint(sink)),
          position(beforeKill)));
      assertThat(CheckpointOrder.isBehind(beforeKill, checkpoint(sink))).isFalse();
      assertThat(source.query("SELECT COUNT(*) FROM information_schema.TABLES"
          + " WHERE TABLE_NAME = 'scratch'")).as("tables that are not migrated stay behind")
          .containsExactly(List.of(0L));
      assertThat(((Number) source.query("SELECT COUNT(*) FROM ferry_meta.cdc_checkpoints"
          + " WHERE source = 'reverse'").get(0).get(0)).longValue())
          .as("exactly-once checkpoints on the old source").isPositive();
      assertThat(source.variable("read_only")).as("the fence stays").isEqualTo("ON");

      MigrationTaskSpec off = Serialization.clone(cutover);
      off.getCutover().setReverse(false);
      sink.setSpec(off);
      resumed.awaitDone(TIMEOUT);
      ReverseStatus stopped = sink.status().getReverse();
      assertThat(stopped.getState()).isEqualTo(ReverseState.Stopped);
      assertThat(stopped.getStoppedAt()).isNotNull();
      assertMonotonic(sink.history());
    } finally {
      source.execute("SET GLOBAL read_only = OFF");
    }
  }

  @Test
  void writesPassTheWriteBlockingTriggersOfTheFenceWhichStay() throws Exception {
    DatabasePair pair = dbs.pair(Flavor.MARIADB, Flavor.MARIADB);
    pair.reset();
    for (DatabaseServer server : List.of(pair.source(), pair.target())) {
      server.execute("CREATE DATABASE crm",
          "CREATE TABLE crm.t (id INT PRIMARY KEY, v VARCHAR(20))",
          "INSERT INTO crm.t VALUES (1, 'one'), (2, 'two')");
    }
    pair.source().createUser("ferry_cdc", "cdc-pw",
        "SELECT, INSERT, UPDATE, DELETE, TRIGGER ON crm.*", "ALL ON ferry_meta.*",
        "REPLICATION SLAVE, REPLICATION CLIENT ON *.*");
    pair.source().execute("SET GLOBAL log_bin_trust_function_creators = 1");
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "crm");
    spec.setMode(Mode.Incremental);
    spec.getIncremental().setApplyThreads(2);
    spec.getCutover().setReverse(true);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = context("ns/reverse-triggers", sink, pair, "ferry_cdc", "cdc-pw");
    try {
      PhaseThread forward = PhaseThread.start("incremental", () -> {
        IncrementalPhase.run(context, new ReplicatingValidation(context),
            EnginePhases.tableCopier(context));
        return null;
      });
      await().atMost(TIMEOUT).until(() -> forward.alive()
          && !sink.status().getCheckpoints().isEmpty());
      MigrationTaskSpec cutover = Serialization.clone(spec);
      cutover.getCutover().setRequested(true);
      cutover.getCutover().setFence(FenceMode.ReadOnly);
      sink.setSpec(cutover);
      forward.awaitDone(TIMEOUT);
      assertThat(sink.status().getCutover().getFenceMethod())
          .isEqualTo(FenceMethod.WriteBlockingTriggers);

      PhaseThread reverse = PhaseThread.start("reverse", () -> {
        ReversePhase.run(context);
        return null;
      });
      pair.target().execute("INSERT INTO crm.t VALUES (3, 'three')",
          "UPDATE crm.t SET v = 'uno' WHERE id = 1", "DELETE FROM crm.t WHERE id = 2");
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(reverse.alive()).isTrue();
        assertThat(pair.source().query("SELECT id, v FROM crm.t ORDER BY id"))
            .containsExactly(List.of(1, "uno"), List.of(3, "three"));
      });
      assertThatThrownBy(() -> pair.source().execute("INSERT INTO crm.t VALUES (4, 'stray')"))
          .as("the application is still fenced out of the old source")
          .isInstanceOf(SQLException.class).hasMessageContaining("cutover fence");
      MigrationTaskSpec off = Serialization.clone(cutover);
      off.getCutover().setReverse(false);
      sink.setSpec(off);
      reverse.awaitDone(TIMEOUT);
    } finally {
      pair.source().execute("SET GLOBAL log_bin_trust_function_creators = 0");
    }
  }

  @Test
  void aFencedOldSourceRefusesAnAccountThatMayNotWritePastReadOnly() throws Exception {
    DatabasePair pair = dbs.pair(Flavor.MARIADB, Flavor.MARIADB);
    pair.reset();
    for (DatabaseServer server : List.of(pair.source(), pair.target())) {
      server.execute("CREATE DATABASE crm", "CREATE TABLE crm.t (id INT PRIMARY KEY, v INT)");
    }
    pair.source().createUser("app", "app-pw", "ALL ON crm.*", "ALL ON ferry_meta.*");
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "crm");
    spec.setMode(Mode.Incremental);
    spec.getCutover().setReverse(true);
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setCutover(new CutoverStatus());
    status.getCutover().setTargetPosition(currentPosition(pair.target()));
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, status);
    TaskContext context = context("ns/fenced", sink, pair, "app", "app-pw");
    pair.source().execute("SET GLOBAL read_only = ON");
    try {
      pair.target().execute("INSERT INTO crm.t VALUES (1, 1)");
      PhaseThread reverse = PhaseThread.start("reverse", () -> {
        ReversePhase.run(context);
        return null;
      });

      Exception failure = reverse.awaitFailure(TIMEOUT);

      assertThat(failure).isInstanceOf(FerryException.class)
          .hasMessageContaining("cannot write to the old source src: it is read-only")
          .hasMessageContaining("READ_ONLY ADMIN")
          .hasMessageContaining("spec.cutover.fence: None");
      assertThat(pair.source().variable("read_only")).as("the fence is not lifted")
          .isEqualTo("ON");
    } finally {
      pair.source().execute("SET GLOBAL read_only = OFF");
    }
  }

  /** A context that logs in to the source as {@code user}, to the target as its admin. */
  private static TaskContext context(String taskId, InMemoryStatusSink sink, DatabasePair pair,
      String user, String password) {
    Map<String, String> secrets = Map.of(
        "source-secret/username", user, "source-secret/password", password,
        "target-secret/username", pair.target().adminUser(),
        "target-secret/password", pair.target().adminPassword());
    return new TaskContext(taskId, "run-1", sink, (name, key) -> {
      String value = secrets.get(name + "/" + key);
      if (value == null) {
        throw new MissingSecretException("no secret " + name + "/" + key);
      }
      return value;
    });
  }

  /** All-mode spec: crm.customers becomes sales.clients with name renamed to full_name. */
  private static MigrationTaskSpec renamingSpec(DatabasePair pair) {
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "crm");
    spec.setMode(Mode.All);
    TableRule customers = new TableRule();
    customers.setMatch("crm.customers");
    customers.setTargetSchema("sales");
    customers.setTargetTable("clients");
    ColumnRename rename = new ColumnRename();
    rename.setFrom("name");
    rename.setTo("full_name");
    customers.getColumns().add(rename);
    spec.getObjects().getRules().add(customers);
    spec.getIncremental().setSafeModeWindow("0s");
    spec.getIncremental().setApplyThreads(2);
    spec.getCutover().setReverse(true);
    return spec;
  }

  private static List<String> events(DatabaseServer server) throws Exception {
    return server.query("SELECT what FROM crm.events").stream()
        .map(row -> (String) row.get(0)).toList();
  }

  private static SourceCheckpoint checkpoint(InMemoryStatusSink sink) {
    ReverseStatus reverse = sink.status().getReverse();
    return reverse == null ? null : reverse.getCheckpoint();
  }

  private static String position(SourceCheckpoint checkpoint) {
    return checkpoint.getFile() + ":" + checkpoint.getPosition() + " " + checkpoint.getGtidSet();
  }

  private static BinlogPosition currentPosition(DatabaseServer server) throws Exception {
    try (Connection connection = server.connect()) {
      return BinlogPositions.current(connection, ServerInfo.detect(connection)).orElseThrow();
    }
  }

  private static void assertMonotonic(List<MigrationTaskStatus> history) {
    SourceCheckpoint previous = null;
    int moves = 0;
    for (MigrationTaskStatus status : history) {
      SourceCheckpoint checkpoint = status.getReverse() == null ? null
          : status.getReverse().getCheckpoint();
      if (checkpoint == null) {
        continue;
      }
      assertThat(CheckpointOrder.isBehind(previous, checkpoint))
          .as("reverse checkpoint %s after %s", position(checkpoint),
              previous == null ? "none" : position(previous)).isFalse();
      if (previous == null || !position(previous).equals(position(checkpoint))) {
        moves++;
      }
      previous = checkpoint;
    }
    assertThat(moves).as("the reverse checkpoint advanced").isGreaterThan(1);
  }
}
