package dev.ferry.worker.cdc.apply;

import static dev.ferry.worker.cdc.apply.ApplyFixture.delete;
import static dev.ferry.worker.cdc.apply.ApplyFixture.insert;
import static dev.ferry.worker.cdc.apply.ApplyFixture.row;
import static dev.ferry.worker.cdc.apply.ApplyFixture.rows;
import static dev.ferry.worker.cdc.apply.ApplyFixture.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.position.Position;
import dev.ferry.api.retry.FerryException;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.cdc.change.TableSchema;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Exactly-once resume, lane count changes, the low watermark and the DDL barrier. */
class ChangeApplierResumeTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final TableRef COUNTER = new TableRef("apply_resume", "counter");
  private static final TableRef LOG = new TableRef("apply_resume", "log");
  private static final TableSchema COUNTERS =
      ApplyFixture.schema(COUNTER, List.of("id", "v"), 0);
  private static final TableSchema LOGS = ApplyFixture.schema(LOG, List.of("tx", "note"), 0);
  private static final Function<TableRef, dev.ferry.worker.catalog.TableMapping> MAPPINGS =
      ApplyFixture.identity(COUNTER, LOG);

  private static DatabaseServer target(Flavor flavor) throws Exception {
    DatabaseServer target = dbs.pair(flavor, flavor).target();
    target.execute("DROP DATABASE IF EXISTS apply_resume", "CREATE DATABASE apply_resume",
        "CREATE TABLE apply_resume.counter (id BIGINT PRIMARY KEY, v BIGINT NOT NULL)",
        "CREATE TABLE apply_resume.log (tx BIGINT PRIMARY KEY, note VARCHAR(20))");
    return target;
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void resumesExactlyOnceAfterACrashAndSafelyAfterALaneCountChange(Flavor flavor)
      throws Exception {
    DatabaseServer target = target(flavor);
    String task = "resume-" + flavor;
    InMemoryStatusSink sink = new InMemoryStatusSink(ApplyFixture.spec(target, 4, 20), null);
    TaskContext context = ApplyFixture.context(task, sink, target);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(flavor != Flavor.MARIADB);
    Position start = stream.position();
    Workload workload = new Workload(stream);
    List<SourceTransaction> first = workload.transactions(300, 120, 200);
    AtomicInteger ddlRuns = new AtomicInteger();

    try (Database pool = Database.open(context.target(), 8)) {
      try (ChangeApplier crashed = new ChangeApplier(context, ApplyFixture.SOURCE, pool, MAPPINGS,
          ddl -> ddlRuns.incrementAndGet())) {
        crashed.resume(start);
        for (SourceTransaction tx : first.subList(0, 150)) {
          crashed.submit(tx, false);
        }
        crashed.flush();
        assertThatThrownBy(() -> {
          for (SourceTransaction tx : first.subList(150, first.size())) {
            crashed.submit(tx, false);
          }
          crashed.flush();
        }).isInstanceOf(FerryException.class).hasMessageContaining("`id`=-1");
      }
      target.execute("INSERT INTO apply_resume.counter VALUES (-1, 0)");
      assertThat(ddlRuns).hasValue(1);
      List<List<Object>> lanes = rows(target, "SELECT lane, lane_count FROM"
          + " ferry_meta.cdc_checkpoints WHERE task_id = '" + task + "@run-1' ORDER BY lane");
      assertThat(lanes).containsExactly(List.of(0L, 4L), List.of(1L, 4L), List.of(2L, 4L),
          List.of(3L, 4L));

      try (ChangeApplier resumed = new ChangeApplier(context, ApplyFixture.SOURCE, pool,
          MAPPINGS, ddl -> ddlRuns.incrementAndGet())) {
        ResumePoint point = resumed.resume(start);
        assertThat(point.laneCountChanged()).isFalse();
        assertThat(point.start()).isEqualTo(lowestCheckpoint(target, task, stream.position()));
        for (SourceTransaction tx : first) {
          resumed.submit(tx, false);
        }
        resumed.flush();
        assertThat(resumed.stats().skipped()).isGreaterThanOrEqualTo(150);
        assertThat(resumed.stats().transactions()).as("the crash left work to replay")
            .isPositive();
        assertThat(resumed.lowWatermark()).isEqualTo(first.get(first.size() - 1).end());
      }
      assertThat(ddlRuns).as("the DDL was applied before the crash, so it is skipped").hasValue(1);
      workload.assertTarget(target);

      List<SourceTransaction> second = workload.transactions(100, -1, -1);
      try (ChangeApplier crashed = new ChangeApplier(context, ApplyFixture.SOURCE, pool, MAPPINGS,
          ddl -> { })) {
        crashed.resume(start);
        for (SourceTransaction tx : second.subList(0, 50)) {
          crashed.submit(tx, false);
        }
        crashed.flush();
        for (SourceTransaction tx : second.subList(50, second.size())) {
          crashed.submit(tx, false);
        }
      }
      sink.spec().getIncremental().setApplyThreads(2);
      try (ChangeApplier resized = new ChangeApplier(context, ApplyFixture.SOURCE, pool, MAPPINGS,
          ddl -> { })) {
        ResumePoint point = resized.resume(start);
        assertThat(point.laneCountChanged()).isTrue();
        assertThat(point.previousLaneCount()).isEqualTo(4);
        for (SourceTransaction tx : second) {
          if (!AppliedPosition.atOrBefore(tx.end(), point.start())) {
            resized.submit(tx, false);
          }
        }
        resized.flush();
      }
      workload.assertTarget(target);
      assertThat(rows(target, "SELECT lane, lane_count FROM ferry_meta.cdc_checkpoints"
          + " WHERE task_id = '" + task + "@run-1' ORDER BY lane"))
          .containsExactly(List.of(0L, 2L), List.of(1L, 2L));
    }
  }

  @Test
  void lowWatermarkNeverMovesBackAndCoversIdleLanes() throws Exception {
    DatabaseServer target = target(Flavor.MARIADB);
    TaskContext context = ApplyFixture.context("watermark",
        new InMemoryStatusSink(ApplyFixture.spec(target, 8, 10), null), target);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(false);
    try (Database pool = ApplyFixture.targetPool(context);
        ChangeApplier applier = new ChangeApplier(context, ApplyFixture.SOURCE, pool, MAPPINGS,
            ddl -> { })) {
      applier.resume(stream.position());
      List<Long> seen = new CopyOnWriteArrayList<>();
      AtomicLong stop = new AtomicLong();
      Thread sampler = new Thread(() -> {
        while (stop.get() == 0) {
          seen.add(applier.lowWatermark().offset());
          Thread.onSpinWait();
        }
      });
      sampler.start();
      SourceTransaction last = null;
      applier.submit(stream.tx(insert(COUNTERS, 1L, 0L)), false);
      for (long v = 0; v < 300; v++) {
        last = stream.tx(update(COUNTERS, row(1L, v), row(1L, v + 1)));
        applier.submit(last, false);
      }
      Position end = last.end();
      await().atMost(Duration.ofSeconds(10)).until(() -> end.equals(applier.lowWatermark()));
      stop.set(1);
      sampler.join();
      assertThat(seen).isSorted();
      assertThat(rows(target, "SELECT DISTINCT position FROM ferry_meta.cdc_checkpoints"
          + " WHERE task_id = 'watermark@run-1'")).containsExactly(List.of(end.offset()));
      assertThat(rows(target, "SELECT v FROM apply_resume.counter")).containsExactly(
          List.of(300L));
    }
  }

  @Test
  void ddlWaitsForEarlierRowsAndRecordsItsPosition() throws Exception {
    DatabaseServer target = target(Flavor.MARIADB);
    TaskContext context = ApplyFixture.context("ddl",
        new InMemoryStatusSink(ApplyFixture.spec(target, 4, 25), null), target);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(false);
    List<Object> seenByDdl = new ArrayList<>();
    try (Database pool = ApplyFixture.targetPool(context);
        ChangeApplier applier = new ChangeApplier(context, ApplyFixture.SOURCE, pool, MAPPINGS,
            ddl -> seenByDdl.add(rows(target,
                "SELECT COUNT(*) FROM apply_resume.counter").get(0).get(0)))) {
      applier.resume(stream.position());
      for (long id = 1; id <= 400; id++) {
        applier.submit(stream.tx(insert(COUNTERS, id, id)), false);
      }
      SourceTransaction ddl = stream.ddl(new DdlChange("apply_resume",
          "ALTER TABLE counter COMMENT 'x'", DdlChange.Kind.ALTER_TABLE,
          List.of(new TableRef("apply_resume", "counter"))));
      applier.submit(ddl, false);
      assertThat(seenByDdl).containsExactly(400L);
      assertThat(rows(target, "SELECT DISTINCT position FROM ferry_meta.cdc_checkpoints"
          + " WHERE task_id = 'ddl@run-1'")).containsExactly(List.of(ddl.end().offset()));
      assertThat(applier.lowWatermark()).isEqualTo(ddl.end());
      for (long id = 401; id <= 450; id++) {
        applier.submit(stream.tx(insert(COUNTERS, id, id)), false);
      }
      applier.flush();
      assertThat(rows(target, "SELECT COUNT(*) FROM apply_resume.counter"))
          .containsExactly(List.of(450L));
    }
  }

  private static Position lowestCheckpoint(DatabaseServer target, String task,
      Position sample) throws Exception {
    List<List<Object>> rows = target.query("SELECT position, gtid_set FROM"
        + " ferry_meta.cdc_checkpoints WHERE task_id = '" + task + "@run-1'"
        + " ORDER BY position LIMIT 1");
    return Position.of(sample.file(), ((Number) rows.get(0).get(0)).longValue(),
        (String) rows.get(0).get(1));
  }

  /**
   * A random but reproducible mix of inserts, updates, key changes and deletes over the counter
   * table, each transaction also logging itself in the log table, with the expected final
   * state.
   */
  private static final class Workload {
    private final ApplyFixture.Stream stream;
    private final Random random = new Random(42);
    private final TreeMap<Long, Long> model = new TreeMap<>();
    private long nextId = 1;
    private long txCount;

    Workload(ApplyFixture.Stream stream) {
      this.stream = stream;
    }

    /**
     * {@code count} transactions; the one at index {@code ddlAt} (if any) is a DDL, the one at
     * {@code poisonAt} (if any) also updates row -1, which the target lacks until the test adds
     * it: its lane fails there, while the other lanes go on, as in a crash.
     */
    List<SourceTransaction> transactions(int count, int ddlAt, int poisonAt) {
      List<SourceTransaction> transactions = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        if (i == ddlAt) {
          transactions.add(stream.ddl(new DdlChange("apply_resume",
              "ALTER TABLE log COMMENT 'x'", DdlChange.Kind.ALTER_TABLE,
              List.of(new TableRef("apply_resume", "log")))));
          continue;
        }
        List<RowChange> rows = new ArrayList<>();
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
          rows.add(change());
        }
        if (i == poisonAt) {
          rows.add(update(COUNTERS, row(-1L, 0L), row(-1L, 1L)));
          model.put(-1L, 1L);
        }
        txCount++;
        rows.add(insert(LOGS, txCount, "tx"));
        transactions.add(stream.tx(rows));
      }
      return transactions;
    }

    private RowChange change() {
      int dice = random.nextInt(10);
      if (model.size() < 150 || dice == 0) {
        long id = nextId++;
        model.put(id, 0L);
        return insert(COUNTERS, id, 0L);
      }
      List<Long> ids = new ArrayList<>(model.keySet());
      long id = ids.get(random.nextInt(ids.size()));
      long v = model.get(id);
      if (dice == 1) {
        model.remove(id);
        return delete(COUNTERS, id, v);
      }
      if (dice <= 3) {
        long moved = nextId++;
        model.remove(id);
        model.put(moved, v + 1);
        return update(COUNTERS, row(id, v), row(moved, v + 1));
      }
      model.put(id, v + 1);
      return update(COUNTERS, row(id, v), row(id, v + 1));
    }

    void assertTarget(DatabaseServer target) throws Exception {
      List<List<Object>> expected = new ArrayList<>();
      for (Map.Entry<Long, Long> entry : model.entrySet()) {
        expected.add(List.of(entry.getKey(), entry.getValue()));
      }
      assertThat(rows(target, "SELECT id, v FROM apply_resume.counter ORDER BY id"))
          .containsExactlyElementsOf(expected);
      assertThat(rows(target, "SELECT COUNT(*), COUNT(DISTINCT tx), MIN(tx), MAX(tx)"
          + " FROM apply_resume.log")).containsExactly(List.of(txCount, txCount, 1L, txCount));
    }
  }
}
