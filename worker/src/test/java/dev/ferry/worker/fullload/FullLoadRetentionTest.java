package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.binlog.BinlogPurge;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * While a (throttled) full load runs, the start position recorded for the incremental phase is
 * watched: its file becoming the oldest the source keeps raises the risk in the status (with the
 * time left where the retention is short), and its purge stops the load with a clear message.
 */
class FullLoadRetentionTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final String TABLE = "CREATE TABLE t.rows_ (id INT PRIMARY KEY, v VARCHAR(40))";

  @BeforeAll
  static void checkOften() {
    StartWatch.every = Duration.ofMillis(200);
  }

  @AfterAll
  static void checkAsUsual() {
    StartWatch.every = Duration.ofMinutes(1);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void theStartPositionIsWatchedAndItsPurgeStopsTheLoad(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    source.execute("CREATE DATABASE t", TABLE, "INSERT INTO t.rows_ VALUES " + IntStream
        .rangeClosed(1, 4000).mapToObj(i -> "(" + i + ", MD5(" + i + "))")
        .collect(Collectors.joining(", ")));
    pair.target().execute("CREATE DATABASE t", TABLE);
    boolean shortRetention = flavor != Flavor.MYSQL57;
    String retention = shortRetention ? source.variable("binlog_expire_logs_seconds") : null;
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "t");
    spec.getFullLoad().getThrottle().setRowsPerSecond(200L);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/retention", sink, source, pair.target());
    try {
      if (shortRetention) {
        source.execute("SET GLOBAL binlog_expire_logs_seconds = 1800");
      }
      CompletableFuture<FullLoadResult> load = CompletableFuture.supplyAsync(() -> run(context));
      String start = await().atMost(Duration.ofSeconds(20))
          .until(() -> startFile(sink.status()), file -> file != null);

      source.execute("FLUSH BINARY LOGS");
      BinlogPurge.to(source, start);
      String risk = await().atMost(Duration.ofSeconds(20)).until(() -> risk(sink.status()),
          text -> text != null && text.contains("oldest")
              && (!shortRetention || text.contains("in about")));

      assertThat(risk).contains("source src: the start position is in " + start
          + ", the oldest binlog the source keeps", "Raise the binlog retention");
      if (shortRetention) {
        assertThat(risk).containsPattern("may be purged in about (20|30) min");
      }
      assertThat(load).as("the throttled load still runs").isNotDone();

      BinlogPurge.all(source);

      ExecutionException failure = assertThrows(
          ExecutionException.class, () -> load.get(15, TimeUnit.SECONDS));
      assertThat(failure.getCause()).isInstanceOf(FerryException.class)
          .hasMessageContaining("the start position (" + start + ") was purged")
          .hasMessageContaining("must start over from the full load");
      assertThat(((FerryException) failure.getCause()).failureClass())
          .isEqualTo(FailureClass.Fatal);
    } finally {
      if (shortRetention) {
        source.execute("SET GLOBAL binlog_expire_logs_seconds = " + retention);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aResumedLoadWhoseStartPositionWasPurgedStopsBeforeCopying(Flavor flavor)
      throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    source.execute("CREATE DATABASE t", TABLE, "INSERT INTO t.rows_ VALUES (1, 'a')");
    pair.target().execute("CREATE DATABASE t", TABLE);
    String start = source.query("SHOW MASTER STATUS").get(0).get(0).toString();
    BinlogPurge.all(source);
    MigrationTaskStatus recorded = new MigrationTaskStatus();
    SourceCheckpoint checkpoint = new SourceCheckpoint();
    checkpoint.setSource("src");
    checkpoint.setFile(start);
    checkpoint.setPosition(4L);
    recorded.getCheckpoints().add(checkpoint);
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "t");
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, recorded);

    FerryException failure = assertThrows(FerryException.class,
        () -> EnginePhases.load(LoadFixture.context("ns/resumed", sink, source, pair.target()), 0, 1));

    assertThat(failure.failureClass()).isEqualTo(FailureClass.Fatal);
    assertThat(failure).hasMessageContaining("the start position (" + start + ") was purged");
    assertThat(pair.target().query("SELECT COUNT(*) FROM t.rows_").get(0).get(0)).isEqualTo(0L);
  }

  private static String startFile(MigrationTaskStatus status) {
    return status.getCheckpoints().stream().filter(c -> "src".equals(c.getSource()))
        .map(SourceCheckpoint::getFile).findFirst().orElse(null);
  }

  private static String risk(MigrationTaskStatus status) {
    return status.getReplication() == null ? null : status.getReplication().getBinlogAtRisk();
  }

  private static FullLoadResult run(TaskContext context) {
    try {
      return EnginePhases.load(context, 0, 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
