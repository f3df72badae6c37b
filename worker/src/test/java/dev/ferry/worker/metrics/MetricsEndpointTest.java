package dev.ferry.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.ValidationStage;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cdc.PhaseThread;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.schema.SchemaMigrator;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker's {@code /metrics} endpoint, scraped over HTTP while a real full load and CDC run on
 * MariaDB: every worker metric of the README's table is there, tagged with the task, and moves
 * with the work (rows copied, chunks, events per operation, batches, transaction sizes, lane
 * queues, lag and checkpoint age of changes committed two minutes "ago", DDL, validation chunks
 * and a difference written into the target), beside the JVM and process meters.
 */
class MetricsEndpointTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final int ROWS = 3000;
  private static final String[] TASK = {"namespace", "ns", "task", "metrics"};

  @Test
  void aFullLoadAndCdcMoveEveryWorkerMetric() throws Exception {
    DatabasePair pair = dbs.pair(Flavor.MARIADB, Flavor.MARIADB);
    pair.reset();
    seed(pair.source());
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "app");
    spec.getIncremental().setApplyThreads(2);
    spec.getValidation().setWhen(new ArrayList<>(List.of(ValidationStage.Continuous)));
    spec.getValidation().setChunkRows(500);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    try (MetricsEndpoint endpoint = MetricsEndpoint.start(0)) {
      TaskContext base = LoadFixture.context("ns/metrics", sink, pair.source(), pair.target());
      TaskContext context = new TaskContext(base.taskId(), base.runId(), sink, base.secrets(),
          new WorkerMetrics(endpoint.registry(), base.taskId()));
      SchemaMigrator.migrate(context);
      EnginePhases.load(context, 0, 1);

      Scrape loaded = Scrape.of(endpoint.port());
      assertThat(loaded.sum("ferry_fullload_copied_rows_total", "schema", "app")).isEqualTo(ROWS);
      assertThat(loaded.sum("ferry_fullload_copied_bytes_total", "schema", "app")).isPositive();
      assertThat(loaded.sum("ferry_fullload_chunks_planned", TASK)).isGreaterThanOrEqualTo(3);
      assertThat(loaded.sum("ferry_fullload_chunks_done", TASK))
          .isEqualTo(loaded.sum("ferry_fullload_chunks_planned", TASK));
      assertThat(loaded.sum("ferry_fullload_rows_committed", TASK)).isEqualTo(ROWS);
      assertThat(loaded.sum("ferry_fullload_rows_estimated", TASK)).isPositive();

      pair.target().execute("UPDATE app.items SET note = 'changed on the target' WHERE id = 7");
      PhaseThread phase = PhaseThread.incremental(context);
      pair.source().execute("INSERT INTO app.items VALUES (5001, 'new')",
          "UPDATE app.items SET note = 'updated' WHERE id = 2000",
          "DELETE FROM app.items WHERE id = 2999",
          "CREATE TABLE app.extra (id INT PRIMARY KEY)");
      try (OldChanges old = new OldChanges(pair.source())) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
            .until(() -> phase.alive() && Scrape.of(endpoint.port())
                .sum("ferry_cdc_lag_seconds", "source", "src") >= 60);
        // the checkpoint of an old change is recorded with (or just after) the lag it caused
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
            .until(() -> Scrape.of(endpoint.port())
                .sum("ferry_cdc_checkpoint_age_seconds", "source", "src") > 0);
        Scrape replicating = Scrape.of(endpoint.port());
        assertThat(replicating.has("ferry_cdc_lane_queue_depth", "source", "src", "lane", "0"))
            .isTrue();
        assertThat(replicating.has("ferry_cdc_lane_queue_depth", "source", "src", "lane", "1"))
            .isTrue();
        old.check();
      }
      await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
          .until(() -> phase.alive() && Scrape.of(endpoint.port())
              .sum("ferry_validation_chunks_differing_total", TASK) >= 1);
      MigrationTaskSpec cutover = Serialization.clone(spec);
      cutover.getCutover().setRequested(true);
      sink.setSpec(cutover);
      phase.awaitDone(Duration.ofSeconds(90));

      Scrape done = Scrape.of(endpoint.port());
      for (String operation : List.of("insert", "update", "delete", "ddl")) {
        assertThat(done.sum("ferry_cdc_events_read_total", "source", "src", "operation",
            operation)).as("read " + operation).isPositive();
        assertThat(done.sum("ferry_cdc_events_applied_total", "source", "src", "operation",
            operation)).as("applied " + operation).isPositive();
      }
      assertThat(done.sum("ferry_cdc_ddl_applied_total", "source", "src")).isEqualTo(1);
      assertThat(done.sum("ferry_cdc_apply_batch_seconds_count", "source", "src")).isPositive();
      assertThat(done.sum("ferry_cdc_apply_batch_seconds_bucket", "source", "src", "le", "+Inf"))
          .isPositive();
      assertThat(done.sum("ferry_cdc_transaction_rows_count", "source", "src")).isPositive();
      assertThat(done.has("ferry_cdc_transaction_rows_bucket", "le", "10.0")).isTrue();
      assertThat(done.sum("ferry_validation_chunks_compared_total", TASK))
          .isGreaterThan(done.sum("ferry_validation_chunks_differing_total", TASK));
      assertThat(done.has("ferry_worker_retries_total", "class", "Connection")).isTrue();
      for (String jvm : List.of("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
          "jvm_threads_live_threads", "jvm_classes_loaded_classes", "process_cpu_usage",
          "process_uptime_seconds")) {
        assertThat(done.names()).contains(jvm);
      }
      assertThat(done.samples()).filteredOn(s -> s.name().startsWith("ferry_"))
          .allSatisfy(s -> assertThat(s.labels()).containsEntry("namespace", "ns")
              .containsEntry("task", "metrics"));
    }
  }

  private static void seed(DatabaseServer source) throws SQLException {
    source.execute("CREATE DATABASE app",
        "CREATE TABLE app.items (id INT PRIMARY KEY, note VARCHAR(40))");
    try (Connection connection = source.connect();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO app.items VALUES (?, ?)")) {
      for (int id = 1; id <= ROWS; id++) {
        insert.setInt(1, id);
        insert.setString(2, "item " + id);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Inserts a row every 100 ms whose binlog events carry a commit time two minutes in the past
   * ({@code SET TIMESTAMP}), so that the target looks two minutes behind while it runs.
   */
  private static final class OldChanges implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    OldChanges(DatabaseServer source) {
      thread = new Thread(() -> {
        try (Connection connection = source.connect();
            Statement statement = connection.createStatement()) {
          for (int id = 10_001; running.get(); id++) {
            statement.execute("SET TIMESTAMP = UNIX_TIMESTAMP() - 120");
            statement.execute("INSERT INTO app.items VALUES (" + id + ", 'old')");
            statement.execute("SET TIMESTAMP = DEFAULT");
            Thread.sleep(100);
          }
        } catch (Exception e) {
          failure.set(e);
        }
      }, "old-changes");
      thread.start();
    }

    void check() throws Exception {
      if (failure.get() != null) {
        throw failure.get();
      }
    }

    @Override
    public void close() throws Exception {
      running.set(false);
      thread.join(10_000);
      check();
    }
  }
}
