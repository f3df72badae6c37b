package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.ChunkMismatch;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.ValidationStage;
import dev.ferry.api.v1alpha1.ValidationStatus;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Validation inside the incremental phase on real servers: Continuous passes under a writer
 * report no false difference (chunks that differ while changes are in flight are re-checked once
 * the apply has passed them), and a difference written straight into the target is reported by
 * the AfterFullLoad pass of mode All with its table, chunk and keys while replication goes on.
 * Shards merged from two sources are compared once both sources' applies passed the chunk.
 */
class ContinuousValidationTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final int ACCOUNTS = 3000;

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void continuousPassesReportNoFalseDifferenceUnderWrites(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    seed(pair.source());
    MigrationTaskSpec spec = spec(pair, ValidationStage.Continuous);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/contval-" + flavor, sink, pair.source(),
        pair.target());
    SchemaMigrator.migrate(context);
    EnginePhases.load(context, 0, 1);

    PhaseThread phase;
    try (Writer writer = new Writer(pair.source())) {
      phase = PhaseThread.incremental(context);
      await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
          .until(() -> phase.alive() && passes(sink) >= 2);
      assertThat(writer.operations()).as("the writer ran during the passes").isGreaterThan(100);
    }
    cutover(sink, spec);
    phase.awaitDone(Duration.ofSeconds(90));

    List<ValidationStatus> passes = completedPasses(sink);
    assertThat(passes).hasSizeGreaterThanOrEqualTo(2);
    assertThat(passes).allSatisfy(pass -> {
      assertThat(pass.getStage()).isEqualTo(ValidationStage.Continuous);
      assertThat(pass.getTablesChecked()).isEqualTo(2);
      assertThat(pass.getTablesTotal()).isEqualTo(2);
      assertThat(pass.getChunksMismatched()).as("no false difference").isZero();
      assertThat(pass.getPassed()).isTrue();
      assertThat(pass.getChunksMatched() + pass.getChunksUnsettled())
          .as("each of the 6 + 4 chunks matched or was left undecided").isEqualTo(10);
    });
    assertThat(passes).extracting(ValidationStatus::getChunksRechecked)
        .as("chunks that differed while in flight were re-checked")
        .anySatisfy(rechecked -> assertThat(rechecked).isPositive());
    assertThat(passes).extracting(ValidationStatus::getChunksMatched)
        .anySatisfy(matched -> assertThat(matched).isPositive());
    assertThat(Conditions.isTrue(sink.status(), ConditionType.Validated)).isTrue();
    for (String table : List.of("app.accounts", "app.ledger")) {
      assertThat(pair.target().query("SELECT * FROM " + table + " ORDER BY id")).as(table)
          .isEqualTo(pair.source().query("SELECT * FROM " + table + " ORDER BY id"));
    }
  }

  @Test
  void afterFullLoadPassReportsAnInjectedDifferenceAndReplicationGoesOn() throws Exception {
    DatabasePair pair = dbs.pair(Flavor.MARIADB, Flavor.MARIADB);
    pair.reset();
    seed(pair.source());
    MigrationTaskSpec spec = spec(pair, ValidationStage.AfterFullLoad);
    spec.getValidation().setRepair(true);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/contval-diff", sink, pair.source(),
        pair.target());
    SchemaMigrator.migrate(context);
    EnginePhases.load(context, 0, 1);
    pair.target().execute("UPDATE app.ledger SET amount = amount + 1 WHERE id = 777",
        "DELETE FROM app.ledger WHERE id = 1234");

    PhaseThread phase;
    try (Writer writer = new Writer(pair.source())) {
      phase = PhaseThread.incremental(context);
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
          .until(() -> phase.alive() && passes(sink) >= 1);
      long before = writer.operations();
      await().atMost(Duration.ofSeconds(30)).until(() -> writer.operations() > before + 50);
    }
    pair.source().execute("INSERT INTO app.ledger VALUES (5001, 1, 9.99)");
    await("replication goes on after the difference").atMost(Duration.ofSeconds(30))
        .until(() -> phase.alive() && !pair.target()
            .query("SELECT id FROM app.ledger WHERE id = 5001").isEmpty());

    ValidationStatus pass = sink.status().getValidation();
    assertThat(pass.getStage()).isEqualTo(ValidationStage.AfterFullLoad);
    assertThat(pass.getPassed()).isFalse();
    assertThat(pass.getChunksMismatched()).isEqualTo(2);
    assertThat(pass.getChunksRechecked()).as("each difference was re-checked before reported")
        .isGreaterThanOrEqualTo(2);
    assertThat(pass.getMismatches()).extracting(ChunkMismatch::getTable,
            ChunkMismatch::getLowerKey, ChunkMismatch::getUpperKey, ChunkMismatch::getKeys)
        .containsExactly(Tuple.tuple("app.ledger", "501", "1001",
                List.of("777")),
            Tuple.tuple("app.ledger", "1001", "1501", List.of("1234")));
    assertThat(Conditions.find(sink.status(), ConditionType.Validated)).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("DifferencesFound");
      assertThat(c.getMessage()).contains("app.ledger", "repair does not run while replicating");
      assertThat(c.getMessage()).as("the remedy of a divergence found by the apply")
          .contains("Re-sync app.ledger", "onConflict");
    });
    assertThat(pair.target().query("SELECT id FROM app.ledger WHERE id = 1234"))
        .as("not repaired while replicating").isEmpty();

    cutover(sink, spec);
    phase.awaitDone(Duration.ofSeconds(90));
    assertThat(completedPasses(sink)).as("AfterFullLoad runs one pass").hasSize(1);
    assertThat(pair.target().query("SELECT * FROM app.accounts ORDER BY id"))
        .isEqualTo(pair.source().query("SELECT * FROM app.accounts ORDER BY id"));
  }

  @Test
  void shardsMergedFromTwoSourcesAreComparedOnceBothAppliesPassed() throws Exception {
    DatabaseServer east = dbs.pair(Flavor.MYSQL, Flavor.MARIADB).source();
    DatabaseServer west = dbs.pair(Flavor.MARIADB, Flavor.MARIADB).source();
    DatabaseServer target = dbs.pair(Flavor.MARIADB, Flavor.MARIADB).target();
    for (DatabaseServer server : List.of(east, west, target)) {
      server.reset();
      server.execute("CREATE DATABASE shard", "CREATE TABLE shard.orders (id INT PRIMARY KEY,"
          + " amount DECIMAL(10,2), note VARCHAR(40))");
    }
    insertOrders(east, 1);
    insertOrders(west, 2);
    insertOrders(target, 1);
    insertOrders(target, 2);
    MigrationTaskSpec spec = LoadFixture.spec(east, target, "shard");
    spec.setMode(Mode.Incremental);
    spec.getSources().get(0).setName("east");
    LoadFixture.addSource(spec, "west", west);
    spec.getSources().get(1).setCredentialsSecret("west-secret");
    spec.getValidation().setWhen(new ArrayList<>(List.of(ValidationStage.Continuous)));
    spec.getValidation().setChunkRows(500);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/contval-merge", sink, east, target);
    String westUser = west.adminUser();
    String westPassword = west.adminPassword();
    TaskContext merged = new TaskContext(context.taskId(), context.runId(), sink,
        (name, key) -> name.equals("west-secret")
            ? (key.equals("username") ? westUser : westPassword)
            : context.secrets().read(name, key));

    PhaseThread phase = PhaseThread.incremental(merged);
    try (Writer eastWriter = new Writer(east, "shard.orders", 1, 2, 1000);
        Writer westWriter = new Writer(west, "shard.orders", 2, 2, 1000)) {
      await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
          .until(() -> phase.alive() && passes(sink) >= 2);
      assertThat(completedPasses(sink)).allSatisfy(pass -> {
        assertThat(pass.getChunksMismatched()).as("no false difference").isZero();
        assertThat(pass.getChunksMatched() + pass.getChunksUnsettled())
            .as("4 chunks of 500 east rows").isEqualTo(4);
      });
      int seen = passes(sink);
      target.execute("UPDATE shard.orders SET amount = 0 WHERE id = 3002");
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
          .until(() -> phase.alive() && passes(sink) > seen + 1);
    }
    ValidationStatus pass = sink.status().getValidation();
    assertThat(pass.getChunksMismatched()).isEqualTo(1);
    assertThat(pass.getMismatches()).extracting(ChunkMismatch::getTable, ChunkMismatch::getKeys)
        .containsExactly(Tuple.tuple("east:shard.orders + west:shard.orders", List.of("3002")));
    assertThat(completedPasses(sink)).extracting(ValidationStatus::getChunksRechecked)
        .anySatisfy(rechecked -> assertThat(rechecked).isPositive());
    cutover(sink, spec);
    phase.awaitDone(Duration.ofSeconds(90));
  }

  /** Orders {@code first}, {@code first + 2}, … up to 4000, as one shard holds them. */
  private static void insertOrders(DatabaseServer server, int first) throws SQLException {
    try (Connection connection = server.connect();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO shard.orders VALUES (?, ?, ?)")) {
      for (int id = first; id <= 4000; id += 2) {
        insert.setInt(1, id);
        insert.setString(2, id + ".50");
        insert.setString(3, "order " + id);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static MigrationTaskSpec spec(DatabasePair pair, ValidationStage stage) {
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "app");
    spec.getIncremental().setApplyThreads(2);
    spec.getValidation().setWhen(new ArrayList<>(List.of(stage, ValidationStage.AtCutover)));
    spec.getValidation().setChunkRows(500);
    return spec;
  }

  private static void seed(DatabaseServer source) throws SQLException {
    source.execute("CREATE DATABASE app",
        "CREATE TABLE app.accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL,"
            + " note VARCHAR(40))",
        "CREATE TABLE app.ledger (id INT PRIMARY KEY, account INT NOT NULL,"
            + " amount DECIMAL(12,2))");
    try (Connection connection = source.connect();
        PreparedStatement accounts = connection.prepareStatement(
            "INSERT INTO app.accounts VALUES (?, ?, ?)");
        PreparedStatement ledger = connection.prepareStatement(
            "INSERT INTO app.ledger VALUES (?, ?, ?)")) {
      for (int id = 1; id <= ACCOUNTS; id++) {
        accounts.setInt(1, id);
        accounts.setLong(2, id * 10L);
        accounts.setString(3, "account " + id);
        accounts.addBatch();
        if (id <= 2000) {
          ledger.setInt(1, id);
          ledger.setInt(2, id % 50);
          ledger.setString(3, id + ".25");
          ledger.addBatch();
        }
      }
      accounts.executeBatch();
      ledger.executeBatch();
    }
  }

  private static void cutover(InMemoryStatusSink sink, MigrationTaskSpec spec) {
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    sink.setSpec(cutover);
  }

  private static int passes(InMemoryStatusSink sink) {
    ValidationStatus validation = sink.status().getValidation();
    return validation == null || validation.getPasses() == null ? 0 : validation.getPasses();
  }

  /** Every pass summary written while replicating, once each. */
  private static List<ValidationStatus> completedPasses(InMemoryStatusSink sink) {
    List<ValidationStatus> passes = new ArrayList<>();
    Integer last = null;
    for (MigrationTaskStatus status : sink.history()) {
      ValidationStatus validation = status.getValidation();
      if (validation != null && validation.getPasses() != null
          && !Objects.equals(last, validation.getPasses())) {
        last = validation.getPasses();
        passes.add(validation);
      }
    }
    return passes;
  }

  /**
   * An application writing to the source about 50 times a second: it sets the {@code note} of
   * rows {@code first}, {@code first + step}, … ({@code rows} of them) of {@code table} at
   * random, so chunks change while they are validated.
   */
  private static final class Writer implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong operations = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    Writer(DatabaseServer source) {
      this(source, "app.accounts", 1, 1, ACCOUNTS);
    }

    Writer(DatabaseServer source, String table, int first, int step, int rows) {
      thread = new Thread(() -> run(source, table, first, step, rows), "writer");
      thread.start();
    }

    private void run(DatabaseServer source, String table, int first, int step, int rows) {
      Random random = new Random(3);
      try (Connection connection = source.connect();
          PreparedStatement update = connection.prepareStatement(
              "UPDATE " + table + " SET note = ? WHERE id = ?")) {
        while (running.get()) {
          update.setString(1, "op " + operations.get());
          update.setInt(2, first + step * random.nextInt(rows));
          update.executeUpdate();
          operations.incrementAndGet();
          Thread.sleep(20);
        }
      } catch (Exception e) {
        failure.set(e);
      }
    }

    long operations() {
      return operations.get();
    }

    @Override
    public void close() throws Exception {
      running.set(false);
      thread.join();
      if (failure.get() != null) {
        throw failure.get();
      }
    }
  }
}
