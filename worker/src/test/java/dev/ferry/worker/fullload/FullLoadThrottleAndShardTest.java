package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rows/s limit holds and can change while running; two shards copy everything once. */
class FullLoadThrottleAndShardTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.mariaDb();

  private static final String TABLE = "CREATE TABLE t.rows_ (id INT PRIMARY KEY, v VARCHAR(40))";

  private DatabasePair pair;

  @BeforeEach
  void createTable() throws Exception {
    pair = dbs.pair();
    pair.reset();
    pair.source().execute("CREATE DATABASE t", TABLE,
        "INSERT INTO t.rows_ SELECT seq, MD5(seq) FROM t.seq_1_to_6000");
    pair.target().execute("CREATE DATABASE t", TABLE);
  }

  @Test
  void rowsPerSecondLimitIsRespected() throws Exception {
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "t");
    spec.getFullLoad().getThrottle().setRowsPerSecond(2000L);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);

    long started = System.nanoTime();
    EnginePhases.load(LoadFixture.context("ns/throttle", sink, pair.source(), pair.target()), 0, 1);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    // 6000 rows at 2000 rows/s with one second of burst: at least 2 s
    assertThat(elapsed).isGreaterThan(Duration.ofMillis(1800));
    assertThat(pair.target().query("SELECT COUNT(*) FROM t.rows_").get(0).get(0)).isEqualTo(6000L);
  }

  @Test
  void raisingTheLimitWhileRunningTakesEffect() throws Exception {
    MigrationTaskSpec slow = LoadFixture.spec(pair.source(), pair.target(), "t");
    slow.getFullLoad().getThrottle().setRowsPerSecond(100L);
    InMemoryStatusSink sink = new InMemoryStatusSink(slow, null);
    TaskContext context = LoadFixture.context("ns/raise", sink, pair.source(), pair.target());

    long started = System.nanoTime();
    CompletableFuture<FullLoadResult> load =
        CompletableFuture.supplyAsync(() -> run(context, 0, 1));
    Thread.sleep(1500);
    assertThat(load).isNotDone();
    MigrationTaskSpec fast = LoadFixture.spec(pair.source(), pair.target(), "t");
    fast.getFullLoad().getThrottle().setRowsPerSecond(1_000_000L);
    sink.setSpec(fast);

    assertThat(load.get().rowsCopied()).isEqualTo(6000);
    // at 100 rows/s the 6000 rows would take a minute
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void twoShardsTogetherCopyEveryChunkOnce() throws Exception {
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "t");
    spec.getFullLoad().setPods(2);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/shards", sink, pair.source(), pair.target());

    CompletableFuture<FullLoadResult> first =
        CompletableFuture.supplyAsync(() -> run(context, 0, 2));
    CompletableFuture<FullLoadResult> second =
        CompletableFuture.supplyAsync(() -> run(context, 1, 2));

    assertThat(first.get().chunksCopied() + second.get().chunksCopied()).isEqualTo(7);
    assertThat(first.get().chunksCopied()).as("ordinals 0, 2, 4, 6").isEqualTo(4);
    assertThat(first.get().rowsCopied() + second.get().rowsCopied()).isEqualTo(6000);
    assertThat(first.get().complete() || second.get().complete()).isTrue();
    assertThat(LoadFixture.checksum(pair.target(), "t.rows_", "id, v"))
        .isEqualTo(LoadFixture.checksum(pair.source(), "t.rows_", "id, v"));
    assertThat(pair.target().query("SELECT COUNT(*) FROM ferry_meta.fullload_chunks"
        + " WHERE task_id = 'ns/shards@run-1' AND state = 'done'").get(0).get(0)).isEqualTo(7L);
  }

  private static FullLoadResult run(TaskContext context, int shard, int shards) {
    try {
      return EnginePhases.load(context, shard, shards);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

}
