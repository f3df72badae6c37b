package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stopped at random points, the load resumes per chunk and ends exactly like the source. */
class FullLoadResumeTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.mariaDb();

  @Test
  void interruptedLoadsResumeToAnExactCopyWithoutMovingTheStartCheckpoint() throws Exception {
    DatabasePair pair = dbs.pair();
    pair.reset();
    String bigTable = "CREATE TABLE bulk.big (id INT PRIMARY KEY, k INT, c CHAR(60), d DOUBLE,"
        + " KEY k_idx (k, c(8)))";
    String keyless = "CREATE TABLE bulk.loose (a INT, b VARCHAR(20))";
    pair.source().execute("CREATE DATABASE bulk", "CREATE DATABASE other", bigTable, keyless,
        "CREATE TABLE other.t (id INT)",
        "INSERT INTO bulk.big SELECT seq, seq % 97, SHA1(seq), seq / 3 FROM bulk.seq_1_to_24000",
        "INSERT INTO bulk.loose SELECT seq % 50, CONCAT('v', seq) FROM bulk.seq_1_to_9000");
    pair.target().execute("CREATE DATABASE bulk", bigTable, keyless,
        "CREATE DATABASE ferry_meta",
        "CREATE TABLE ferry_meta.schema_objects (task_id VARCHAR(320), object_type VARCHAR(16),"
            + " schema_name VARCHAR(64), object_name VARCHAR(64))",
        "INSERT INTO ferry_meta.schema_objects VALUES ('ns/bulk@run-1', 'TABLE', 'bulk', 'big'),"
            + " ('ns/bulk@run-1', 'TABLE', 'bulk', 'loose')");
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "bulk");
    spec.getFullLoad().setChunkRows(12000);
    spec.getFullLoad().setThreads(3);
    spec.getFullLoad().getThrottle().setRowsPerSecond(4000L);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/bulk", sink, pair.source(), pair.target());

    Random random = new Random(7);
    int interrupted = 0;
    for (int attempt = 0; attempt < 4; attempt++) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread load = new Thread(() -> {
        try {
          EnginePhases.load(context, 0, 1);
        } catch (InterruptedException e) {
          failure.set(e);
        } catch (Throwable e) {
          failure.set(e);
        }
      });
      load.start();
      Thread.sleep(150 + random.nextInt(350));
      load.interrupt();
      load.join(30_000);
      assertThat(load.isAlive()).as("the load stops promptly").isFalse();
      if (failure.get() != null) {
        assertThat(failure.get()).isInstanceOf(InterruptedException.class);
        interrupted++;
      }
      pair.source().execute("INSERT INTO other.t VALUES (" + attempt + ")");
    }
    assertThat(interrupted).as("loads interrupted mid-way").isGreaterThanOrEqualTo(3);

    spec.getFullLoad().getThrottle().setRowsPerSecond(null);
    FullLoadResult last = EnginePhases.load(context, 0, 1);

    assertThat(last.complete()).isTrue();
    assertThat(LoadFixture.checksum(pair.target(), "bulk.big", "id, k, c, d"))
        .isEqualTo(LoadFixture.checksum(pair.source(), "bulk.big", "id, k, c, d"));
    assertThat(LoadFixture.checksum(pair.target(), "bulk.loose", "a, b"))
        .isEqualTo(LoadFixture.checksum(pair.source(), "bulk.loose", "a, b"));
    assertThat(pair.target().query("SELECT COUNT(*), SUM(state = 'done'), SUM(rows_copied)"
        + " FROM ferry_meta.fullload_chunks WHERE task_id = 'ns/bulk@run-1'"))
        .containsExactly(List.of(4L, new BigDecimal(4), new BigDecimal(33000)));
    assertThat(pair.target().query("SHOW CREATE TABLE bulk.big"))
        .as("the index set aside during the load is back")
        .isEqualTo(pair.source().query("SHOW CREATE TABLE bulk.big"));
    assertThat(pair.target().query("SELECT COUNT(*) FROM ferry_meta.fullload_indexes"))
        .containsExactly(List.of(0L));

    SourceCheckpoint first = firstCheckpoint(sink.history());
    for (MigrationTaskStatus status : sink.history()) {
      for (SourceCheckpoint checkpoint : status.getCheckpoints()) {
        assertThat(checkpoint.getFile()).isEqualTo(first.getFile());
        assertThat(checkpoint.getPosition()).isEqualTo(first.getPosition());
        assertThat(checkpoint.getGtidSet()).isEqualTo(first.getGtidSet());
      }
    }
    SourceCheckpoint finalCheckpoint = sink.status().getCheckpoints().get(0);
    assertThat(finalCheckpoint.getSafeModeUntil()).isNotNull();
    assertThat(finalCheckpoint.getSafeModeUntil().getPosition())
        .as("the load ended after the writes made while it ran")
        .isGreaterThan(first.getPosition());
  }

  private static SourceCheckpoint firstCheckpoint(List<MigrationTaskStatus> history) {
    return history.stream().flatMap(s -> s.getCheckpoints().stream()).findFirst().orElseThrow();
  }
}
