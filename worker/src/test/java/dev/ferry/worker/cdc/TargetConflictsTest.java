package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.ReplicationStatus;
import dev.ferry.api.v1alpha1.RowConflictPolicy;
import dev.ferry.api.v1alpha1.TableConflicts;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cdc.memory.MemoryBudget;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The target disagreeing with the stream during CDC (rows written or deleted on the target
 * before the source changes the same key): by default each conflict stops the task as Fatal at
 * once, naming table, key, position and remedy, also when the source stays idle and again after
 * a restart (never overwritten by a retry); with a conflict policy Overwrite or Skip it is
 * resolved and counted. The lag never reads 0 while a lane is blocked.
 */
class TargetConflictsTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  /** How soon a failed lane must stop the phase though the source writes nothing more. */
  private static final Duration AT_ONCE = Duration.ofSeconds(10);

  private DatabasePair pair;
  private InMemoryStatusSink sink;
  private TaskContext context;

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aDuplicateKeyStopsTheTaskAtOnceAndStaysFatalAcrossARestart(Flavor flavor)
      throws Exception {
    start(flavor, "dup", spec -> { }, "t");
    PhaseThread phase = replicate();
    pair.target().execute("INSERT INTO conf.t VALUES (5, 'target')");
    pair.source().execute("INSERT INTO conf.t VALUES (5, 'source')");

    FerryException failure = fatal(phase.awaitFailure(AT_ONCE));
    assertThat(failure).hasMessageContaining("INSERT of the row with key (`id`=5) into target"
        + " table `conf`.`t`").hasMessageContaining("duplicate key")
        .hasMessageContaining("source transaction ending at ")
        .hasMessageContaining("Re-sync `conf`.`t`").hasMessageContaining("onConflict");
    assertThat(value("t", 5)).isEqualTo("target");

    FerryException again = fatal(replicate().awaitFailure(Duration.ofSeconds(30)));
    assertThat(again).as("a new run meets the same conflict instead of overwriting it")
        .hasMessage(failure.getMessage());
    assertThat(value("t", 5)).isEqualTo("target");
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void missingRowsForUpdateAndDeleteStopTheTaskUntilTheTableIsRepaired(Flavor flavor)
      throws Exception {
    start(flavor, "missing", spec -> { }, "t");
    PhaseThread phase = replicate();
    pair.target().execute("DELETE FROM conf.t WHERE id IN (2, 3)");
    pair.source().execute("UPDATE conf.t SET v = 'two' WHERE id = 2");

    assertThat(fatal(phase.awaitFailure(AT_ONCE))).hasMessageContaining("UPDATE of the row with"
        + " key (`id`=2) in target table `conf`.`t`").hasMessageContaining("found no such row");
    assertThat(pair.target().query("SELECT COUNT(*) FROM conf.t WHERE id = 2").get(0).get(0)
        .toString()).as("not inserted by a retry").isEqualTo("0");

    pair.target().execute("INSERT INTO conf.t VALUES (2, 'b'), (3, 'c')");
    PhaseThread repaired = replicate();
    await().atMost(Duration.ofSeconds(30)).until(() -> "two".equals(value("t", 2)));
    pair.target().execute("DELETE FROM conf.t WHERE id = 3");
    pair.source().execute("DELETE FROM conf.t WHERE id = 3");

    assertThat(fatal(repaired.awaitFailure(AT_ONCE))).hasMessageContaining("DELETE of the row"
        + " with key (`id`=3) in target table `conf`.`t`").hasMessageContaining("no such row");
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void anAffectedRowCountAboveTheSourcesStopsTheTaskWhateverThePolicy(Flavor flavor)
      throws Exception {
    start(flavor, "count", spec -> spec.getIncremental()
        .setOnConflict(RowConflictPolicy.Overwrite), "t");
    pair.target().execute("DROP TABLE conf.t",
        "CREATE TABLE conf.t (id INT, v VARCHAR(20), KEY (id))",
        "INSERT INTO conf.t VALUES (1, 'a'), (2, 'b'), (2, 'b'), (3, 'c')");
    PhaseThread phase = replicate();
    pair.source().execute("UPDATE conf.t SET v = 'two' WHERE id = 2");

    assertThat(fatal(phase.awaitFailure(AT_ONCE))).hasMessageContaining("UPDATE of the row with"
        + " key (`id`=2)").hasMessageContaining("changed 2 rows on the target where the source"
        + " changed 1").hasMessageContaining("no conflict policy applies");
    assertThat(pair.target().query("SELECT v FROM conf.t WHERE id = 2"))
        .as("rolled back").containsExactly(List.of("b"), List.of("b"));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void overwriteAndSkipResolveEveryConflictPerTableAndCountIt(Flavor flavor) throws Exception {
    start(flavor, "policies", spec -> {
      spec.getIncremental().setOnConflict(RowConflictPolicy.Skip);
      TableRule over = new TableRule();
      over.setMatch("conf.over");
      over.setOnConflict(RowConflictPolicy.Overwrite);
      spec.getObjects().getRules().add(over);
    }, "over", "skip");
    PhaseThread phase = replicate();
    for (String table : List.of("over", "skip")) {
      pair.target().execute("INSERT INTO conf." + table + " VALUES (5, 'target')",
          "DELETE FROM conf." + table + " WHERE id IN (2, 3)");
      pair.source().execute("INSERT INTO conf." + table + " VALUES (5, 'source')",
          "UPDATE conf." + table + " SET v = 'two' WHERE id = 2",
          "DELETE FROM conf." + table + " WHERE id = 3",
          "INSERT INTO conf." + table + " VALUES (6, 'f')");
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> phase.alive()
        && rows("over").equals("1=a,2=two,5=source,6=f") && rows("skip").equals("1=a,5=target,6=f")
        && conflicts() != null && conflicts().getConflictsOverwritten() == 3
        && conflicts().getConflictsSkipped() == 3);
    Map<String, TableConflicts> tables = conflicts().getConflicts().stream()
        .collect(Collectors.toMap(TableConflicts::getTable, Function.identity()));
    assertThat(tables.get("conf.over").getOverwritten()).isEqualTo(3);
    assertThat(tables.get("conf.over").getSkipped()).isZero();
    assertThat(tables.get("conf.over").getLast()).contains("`conf`.`over`", "(Overwrite)");
    assertThat(tables.get("conf.skip").getSkipped()).isEqualTo(3);
    assertThat(tables.get("conf.skip").getLast()).contains("`conf`.`skip`", "(Skip)");
    assertThat(sink.status().getProgress()).contains("conflicts: 3 overwritten, 3 skipped");
    phase.stop();
  }

  /**
   * A large (spilled) transaction keeps only its first conflicts to log; every one past them is
   * still resolved and counted.
   */
  @ParameterizedTest
  @EnumSource(Flavor.class)
  void everyConflictOfALargeTransactionIsResolvedAndCounted(Flavor flavor) throws Exception {
    start(flavor, "large", spec -> spec.getIncremental()
        .setOnConflict(RowConflictPolicy.Overwrite), "t");
    int conflicting = 1500;
    StringBuilder target = new StringBuilder("INSERT INTO conf.t VALUES ");
    StringBuilder source = new StringBuilder("INSERT INTO conf.t VALUES ");
    for (int id = 1001; id < 1001 + conflicting; id++) {
      String separator = id > 1001 ? ", " : "";
      target.append(separator).append('(').append(id).append(", 'target')");
      source.append(separator).append('(').append(id).append(", 'source')");
    }
    pair.target().execute(target.toString());
    System.setProperty(MemoryBudget.LARGE_TRANSACTION_PROPERTY, "1");
    PhaseThread phase;
    try {
      phase = replicate();
    } finally {
      System.clearProperty(MemoryBudget.LARGE_TRANSACTION_PROPERTY);
    }
    pair.source().execute(source.toString());

    await().atMost(Duration.ofSeconds(60)).until(() -> phase.alive()
        && conflicts() != null && conflicts().getConflictsOverwritten() == conflicting);
    assertThat(pair.target().query("SELECT COUNT(*) FROM conf.t WHERE v = 'source'").get(0)
        .get(0)).isEqualTo(Long.valueOf(conflicting));
    assertThat(conflicts().getConflicts()).singleElement()
        .satisfies(table -> assertThat(table.getOverwritten()).isEqualTo(conflicting));
    phase.stop();
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void theLagGrowsWhileALaneIsBlockedAndNeverReadsZero(Flavor flavor) throws Exception {
    start(flavor, "blocked", spec -> { }, "t");
    PhaseThread phase = replicate();
    pair.source().execute("UPDATE conf.t SET v = 'warm' WHERE id = 3");
    await().atMost(Duration.ofSeconds(30)).until(() -> "warm".equals(value("t", 3)));
    try (Connection lock = pair.target().connect();
        Statement statement = lock.createStatement()) {
      lock.setAutoCommit(false);
      statement.executeQuery("SELECT * FROM conf.t WHERE id = 1 FOR UPDATE").close();
      pair.source().execute("UPDATE conf.t SET v = 'blocked' WHERE id = 1");
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
          .until(() -> lag() > 0);
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
        long lag = lag();
        assertThat(lag).as("lag while the lane waits for the lock").isPositive();
        return lag >= 4;
      });
      assertThat(phase.alive()).isTrue();
      lock.rollback();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> "blocked".equals(value("t", 1))
        && lag() == 0);
    phase.stop();
  }

  /** Servers with table(s) {@code conf.<name>} holding rows 1..3 on both sides. */
  private void start(Flavor flavor, String task, Consumer<MigrationTaskSpec> adjust,
      String... tables) throws Exception {
    pair = dbs.pair(flavor, flavor);
    pair.reset();
    for (DatabaseServer server : List.of(pair.source(), pair.target())) {
      server.execute("CREATE DATABASE conf");
      for (String table : tables) {
        server.execute("CREATE TABLE conf." + table + " (id INT PRIMARY KEY, v VARCHAR(20))",
            "INSERT INTO conf." + table + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      }
    }
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "conf");
    spec.setMode(Mode.Incremental);
    spec.getIncremental().setApplyThreads(4);
    adjust.accept(spec);
    sink = new InMemoryStatusSink(spec, null);
    context = LoadFixture.context("ns/conflict-" + task + "-" + flavor, sink, pair.source(),
        pair.target());
  }

  /** Starts the phase and waits until it streams from its recorded start position. */
  private PhaseThread replicate() throws Exception {
    boolean first = sink.status().getCheckpoints().isEmpty();
    PhaseThread phase = PhaseThread.incremental(context);
    if (first) {
      await().atMost(Duration.ofSeconds(30))
          .until(() -> phase.alive() && !sink.status().getCheckpoints().isEmpty());
    }
    return phase;
  }

  private static FerryException fatal(Exception failure) {
    assertThat(failure).as("the phase failed").isInstanceOf(FerryException.class);
    FerryException ferry = (FerryException) failure;
    assertThat(ferry.failureClass()).as(ferry.getMessage()).isEqualTo(FailureClass.Fatal);
    return ferry;
  }

  private String value(String table, int id) throws Exception {
    List<List<Object>> rows = pair.target().query("SELECT v FROM conf." + table + " WHERE id = "
        + id);
    return rows.isEmpty() ? null : (String) rows.get(0).get(0);
  }

  private String rows(String table) throws Exception {
    return pair.target().query("SELECT id, v FROM conf." + table + " ORDER BY id").stream()
        .map(row -> row.get(0) + "=" + row.get(1)).collect(Collectors.joining(","));
  }

  private ReplicationStatus conflicts() {
    return sink.status().getReplication();
  }

  private long lag() {
    ReplicationStatus replication = sink.status().getReplication();
    return replication == null || replication.getLagSeconds() == null ? 0
        : replication.getLagSeconds();
  }
}
