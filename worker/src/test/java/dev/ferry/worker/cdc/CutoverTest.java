package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.FenceMethod;
import dev.ferry.api.v1alpha1.FenceMode;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.db.MissingSecretException;
import dev.ferry.worker.db.SecretReader;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cutover against a live application: the fence (read_only, or write-blocking triggers when the
 * account may not set read_only) stops the writes, the drain applies every write that was
 * committed, none is lost, and the write downtime is reported; a cancelled request goes back to
 * replicating.
 */
class CutoverTest {

  private static final Duration CUTOVER = Duration.ofSeconds(90);

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void readOnlyFenceStopsTheApplicationAndLosesNoWrite(Flavor flavor) throws Exception {
    DatabasePair pair = prepare(flavor);
    pair.source().createUser("app_writer", "app-pw", "SELECT, INSERT ON app.*");
    InMemoryStatusSink sink = new InMemoryStatusSink(spec(pair), null);
    PhaseThread phase = started(LoadFixture.context("ns/fence-" + flavor, sink,
        pair.source(), pair.target()));
    try (FencedWriter writer = new FencedWriter(pair.source(), "app_writer", "app-pw")) {
      await().atMost(Duration.ofSeconds(60)).until(() -> phase.alive() && rows(pair.target()) > 50);
      requestCutover(sink, cutover -> cutover.getCutover().setFence(FenceMode.ReadOnly));
      phase.awaitDone(CUTOVER);
      assertThat(pair.source().variable("read_only")).isEqualTo("ON");
      await().atMost(Duration.ofSeconds(10)).until(() -> !writer.refusals().isEmpty());
      assertThat(writer.refusals()).allSatisfy(e -> assertThat(e.getErrorCode())
          .as(e.getMessage()).isEqualTo(1290));
      writer.close();
      assertThat(ids(pair.target())).as("every committed write, nothing else")
          .isEqualTo(writer.committed()).hasSizeGreaterThan(50);
    } finally {
      pair.source().execute("SET GLOBAL read_only = OFF");
    }
    assertThat(sink.status().getCutover().getFenceMethod()).isEqualTo(FenceMethod.ReadOnly);
    assertThat(sink.status().getCutover().getWriteDowntimeSeconds()).isBetween(0.0, 30.0);
    assertThat(sink.status().getCutover().getDrainedAt()).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void accountWithoutReadOnlyPrivilegeFencesWithTriggers(Flavor flavor) throws Exception {
    DatabasePair pair = prepare(flavor);
    pair.source().createUser("ferry_cdc", "cdc-pw", "SELECT, TRIGGER ON app.*",
        "REPLICATION SLAVE, REPLICATION CLIENT ON *.*");
    pair.source().execute("SET GLOBAL log_bin_trust_function_creators = 1");
    InMemoryStatusSink sink = new InMemoryStatusSink(spec(pair), null);
    TaskContext context = new TaskContext("ns/triggers-" + flavor, "run-1", sink,
        secrets(Map.of("source-secret/username", "ferry_cdc", "source-secret/password", "cdc-pw",
            "target-secret/username", pair.target().adminUser(),
            "target-secret/password", pair.target().adminPassword())));
    PhaseThread phase = started(context);
    try (FencedWriter writer = new FencedWriter(pair.source(), pair.source().adminUser(),
        pair.source().adminPassword())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> phase.alive() && rows(pair.target()) > 50);
      requestCutover(sink, cutover -> cutover.getCutover().setFence(FenceMode.ReadOnly));
      phase.awaitDone(CUTOVER);
      await().atMost(Duration.ofSeconds(10)).until(() -> !writer.refusals().isEmpty());
      assertThat(writer.refusals()).as("even an admin is refused").allSatisfy(e -> {
        assertThat(e.getSQLState()).isEqualTo("45000");
        assertThat(e.getMessage()).contains(FenceTriggers.MESSAGE);
      });
      writer.close();
      assertThat(ids(pair.target())).as("every committed write, nothing else")
          .isEqualTo(writer.committed()).hasSizeGreaterThan(50);
    } finally {
      pair.source().execute("SET GLOBAL log_bin_trust_function_creators = 0");
    }
    assertThat(sink.status().getCutover().getFenceMethod())
        .isEqualTo(FenceMethod.WriteBlockingTriggers);
    assertThat(pair.source().variable("read_only")).isEqualTo("OFF");
    assertThat(pair.source().query(FenceTriggers.LIST_SQL)).hasSize(3);
    assertThat(pair.target().query(FenceTriggers.LIST_SQL)).as("the fence is not replicated")
        .isEmpty();
    assertThat(sink.status().getCutover().getWriteDowntimeSeconds()).isBetween(0.0, 30.0);
  }

  @Test
  void cancellingBeforeTheFenceGoesBackToReplicating() throws Exception {
    DatabasePair pair = prepare(Flavor.MARIADB);
    MigrationTaskSpec spec = spec(pair);
    spec.getIncremental().getThrottle().setRowsPerSecond(200L);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    PhaseThread phase = started(LoadFixture.context("ns/cancel", sink, pair.source(),
        pair.target()));
    for (int batch = 0; batch < 30; batch++) {
      pair.source().execute("INSERT INTO app.t (id, v) SELECT seq, 'burst' FROM app.seq_"
          + (batch * 100 + 1) + "_to_" + (batch * 100 + 100));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> sink.status().getReplication() != null
        && sink.status().getReplication().getLagSeconds() > 1);

    requestCutover(sink, cutover -> {
      cutover.getCutover().setFence(FenceMode.ReadOnly);
      cutover.getCutover().setMaxLag("1s");
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.status().getCutover() != null
        && sink.status().getCutover().getRequestedAt() != null);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> pair.source().variable("read_only").equals("OFF")
            && sink.status().getCutover().getFencedAt() == null);

    MigrationTaskSpec cancelled = Serialization.clone(sink.spec());
    cancelled.getCutover().setRequested(false);
    cancelled.getIncremental().getThrottle().setRowsPerSecond(null);
    sink.setSpec(cancelled);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> sink.status().getCutover().getRequestedAt() == null);
    pair.source().execute("INSERT INTO app.t (id, v) VALUES (100000, 'after the cancel')");
    await().atMost(Duration.ofSeconds(60)).until(() -> phase.alive() && rows(pair.target()) == 3001);
    assertThat(pair.source().variable("read_only")).as("never fenced").isEqualTo("OFF");
    assertThat(sink.status().getCutover().getFencedAt()).isNull();

    requestCutover(sink, cutover -> cutover.getCutover().setFence(FenceMode.None));
    phase.awaitDone(CUTOVER);
    assertThat(sink.status().getCutover().getDrainedAt()).isNotNull();
    assertThat(sink.status().getCutover().getFenceMethod()).isNull();
  }

  /** Starts the phase and waits until it has recorded where it starts (mode Incremental: now). */
  private static PhaseThread started(TaskContext context) {
    PhaseThread phase = PhaseThread.incremental(context);
    await().atMost(Duration.ofSeconds(60))
        .until(() -> phase.alive() && !context.sink().status().getCheckpoints().isEmpty());
    return phase;
  }

  private static DatabasePair prepare(Flavor flavor) throws SQLException {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    for (DatabaseServer server : List.of(pair.source(), pair.target())) {
      server.execute("CREATE DATABASE app",
          "CREATE TABLE app.t (id BIGINT PRIMARY KEY, v VARCHAR(20))");
    }
    return pair;
  }

  private static MigrationTaskSpec spec(DatabasePair pair) {
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "app");
    spec.setMode(Mode.Incremental);
    spec.getIncremental().setApplyThreads(4);
    return spec;
  }

  private static void requestCutover(InMemoryStatusSink sink, Consumer<MigrationTaskSpec> edit) {
    MigrationTaskSpec cutover = Serialization.clone(sink.spec());
    cutover.getCutover().setRequested(true);
    edit.accept(cutover);
    sink.setSpec(cutover);
  }

  private static long rows(DatabaseServer server) throws SQLException {
    return ((Number) server.query("SELECT COUNT(*) FROM app.t").get(0).get(0)).longValue();
  }

  private static Set<Long> ids(DatabaseServer server) throws SQLException {
    Set<Long> ids = new HashSet<>();
    for (List<Object> row : server.query("SELECT id FROM app.t")) {
      ids.add(((Number) row.get(0)).longValue());
    }
    return ids;
  }

  private static SecretReader secrets(Map<String, String> values) {
    return (name, key) -> {
      String value = values.get(name + "/" + key);
      if (value == null) {
        throw new MissingSecretException("no secret " + name + "/" + key);
      }
      return value;
    };
  }
}
