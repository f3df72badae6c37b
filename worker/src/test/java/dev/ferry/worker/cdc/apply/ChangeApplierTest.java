package dev.ferry.worker.cdc.apply;

import static dev.ferry.worker.cdc.apply.ApplyFixture.delete;
import static dev.ferry.worker.cdc.apply.ApplyFixture.insert;
import static dev.ferry.worker.cdc.apply.ApplyFixture.row;
import static dev.ferry.worker.cdc.apply.ApplyFixture.rows;
import static dev.ferry.worker.cdc.apply.ApplyFixture.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.cdc.change.SpilledRows;
import dev.ferry.worker.cdc.change.TableSchema;
import dev.ferry.worker.cdc.memory.MemoryBudget;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The applier against real targets: row operations, safe mode, batching, causality. */
class ChangeApplierTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final TableRef ITEM = new TableRef("apply_ops", "item");
  private static final TableSchema ITEMS =
      ApplyFixture.schema(ITEM, List.of("id", "name", "qty"), 0);

  private static DatabaseServer target(Flavor flavor) throws Exception {
    DatabaseServer target = dbs.pair(flavor, flavor).target();
    target.execute("DROP DATABASE IF EXISTS apply_ops", "CREATE DATABASE apply_ops",
        "CREATE TABLE apply_ops.item (id BIGINT PRIMARY KEY, name VARCHAR(50), qty INT)");
    return target;
  }

  private static ChangeApplier applier(TaskContext context, Database pool) {
    return new ChangeApplier(context, ApplyFixture.SOURCE, pool, ApplyFixture.identity(ITEM),
        ddl -> { });
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void appliesInsertsUpdatesDeletesAndKeyChanges(Flavor flavor) throws Exception {
    DatabaseServer target = target(flavor);
    TaskContext context = ApplyFixture.context("ops-" + flavor,
        new InMemoryStatusSink(ApplyFixture.spec(target, 4, 100), null), target);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(flavor != Flavor.MARIADB);
    try (Database pool = ApplyFixture.targetPool(context);
        ChangeApplier applier = applier(context, pool)) {
      applier.resume(stream.position());
      applier.submit(stream.tx(insert(ITEMS, 1L, "apple", 3L), insert(ITEMS, 2L, "pear", 5L),
          insert(ITEMS, 3L, "plum", null)), false);
      applier.submit(stream.tx(update(ITEMS, row(1L, "apple", 3L), row(1L, "apple", 4L))), false);
      applier.submit(stream.tx(update(ITEMS, row(2L, "pear", 5L), row(20L, "pear", 5L)),
          delete(ITEMS, 3L, "plum", null)), false);
      applier.submit(stream.tx(insert(ITEMS, 3L, "fig", 1L)), false);
      SourceTransaction last = stream.tx(update(ITEMS, row(20L, "pear", 5L), row(21L, "pear",
          6L)));
      applier.submit(last, false);
      applier.flush();

      assertThat(rows(target, "SELECT id, name, qty FROM apply_ops.item ORDER BY id"))
          .containsExactly(List.of(1L, "apple", 4L), List.of(3L, "fig", 1L),
              List.of(21L, "pear", 6L));
      assertThat(applier.lowWatermark()).isEqualTo(last.end());
      assertThat(rows(target, "SELECT lane, lane_count, position FROM ferry_meta.cdc_checkpoints"
          + " WHERE task_id = 'ops-" + flavor + "@run-1' ORDER BY lane")).containsExactly(
              List.of(0L, 4L, last.end().offset()), List.of(1L, 4L, last.end().offset()),
              List.of(2L, 4L, last.end().offset()), List.of(3L, 4L, last.end().offset()));
      assertThat(applier.stats().transactions()).isEqualTo(5);
      assertThat(applier.stats().rows()).isEqualTo(8);
    }
  }

  @Test
  void safeModeIsIdempotentAndPlainModeReportsDivergence() throws Exception {
    DatabaseServer target = target(Flavor.MARIADB);
    TaskContext context = ApplyFixture.context("safe",
        new InMemoryStatusSink(ApplyFixture.spec(target, 2, 100), null), target);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(false);
    var start = stream.position();
    List<SourceTransaction> transactions = List.of(
        stream.tx(insert(ITEMS, 1L, "a", 1L), insert(ITEMS, 2L, "b", 2L)),
        stream.tx(update(ITEMS, row(1L, "a", 1L), row(10L, "a", 1L))),
        stream.tx(update(ITEMS, row(2L, "b", 2L), row(2L, "b", 3L)), insert(ITEMS, 3L, "c", 3L)),
        stream.tx(delete(ITEMS, 3L, "c", 3L)));
    try (Database pool = ApplyFixture.targetPool(context);
        ChangeApplier applier = applier(context, pool)) {
      applier.resume(start);
      for (int round = 0; round < 2; round++) {
        for (SourceTransaction tx : transactions) {
          applier.submit(tx, true);
        }
        applier.flush();
        assertThat(rows(target, "SELECT id, name, qty FROM apply_ops.item ORDER BY id"))
            .containsExactly(List.of(2L, "b", 3L), List.of(10L, "a", 1L));
      }
      applier.submit(stream.tx(insert(ITEMS, 4L, "d", 4L), update(ITEMS, row(99L, "x", 1L),
          row(99L, "x", 2L))), false);
      assertThatThrownBy(applier::flush)
          .isInstanceOfSatisfying(FerryException.class,
              e -> assertThat(e.failureClass()).isEqualTo(FailureClass.Fatal))
          .hasMessageContaining("`apply_ops`.`item`").hasMessageContaining("`id`=99")
          .hasMessageContaining("diverged");
    }
    assertThat(rows(target, "SELECT id FROM apply_ops.item WHERE id = 4"))
        .as("the failed source transaction is not partly applied").isEmpty();
  }

  /**
   * A large (spilled) transaction is read back on a second thread while it is written: a
   * failure there in the middle rolls back what was written of it, the checkpoints stay before
   * it, and a resumed applier writes it whole.
   */
  @Test
  void aSpilledTransactionFailingWhileReadBackLeavesNothingAndIsAppliedWholeOnResume()
      throws Exception {
    DatabaseServer target = target(Flavor.MARIADB);
    TaskContext context = ApplyFixture.context("spill-fail",
        new InMemoryStatusSink(ApplyFixture.spec(target, 2, 100), null), target);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(false);
    var start = stream.position();
    SourceTransaction first = stream.tx(insert(ITEMS, 1L, "first", 1L));
    SpilledRows.Writer writer = SpilledRows.create();
    for (long id = 100; id < 400; id++) {
      writer.add(insert(ITEMS, id, "large", id));
    }
    SpilledRows spilled = writer.finish();
    var end = stream.tx().end();
    AtomicInteger chunks = new AtomicInteger();
    SourceTransaction failing = new SourceTransaction(ApplyFixture.SOURCE, List.of(), null, end,
        Instant.now(), null, spilled.filtered(chunk -> {
          if (chunks.incrementAndGet() == 150) {
            throw new SQLException("read-back failed");
          }
          return chunk;
        }));
    System.setProperty(MemoryBudget.LARGE_TRANSACTION_PROPERTY, "1");
    try {
      try (Database pool = ApplyFixture.targetPool(context);
          ChangeApplier applier = applier(context, pool)) {
        applier.resume(start);
        applier.submit(first, false);
        applier.flush();
        assertThatThrownBy(() -> applier.submit(failing, false))
            .isInstanceOf(FerryException.class).hasMessageContaining("read-back failed");
        assertThat(applier.lowWatermark()).isEqualTo(first.end());
      }
      assertThat(chunks.get()).as("chunks of one row each, read while writing").isEqualTo(150);
      assertThat(rows(target, "SELECT COUNT(*) FROM apply_ops.item")).containsExactly(List.of(1L));

      try (Database pool = ApplyFixture.targetPool(context);
          ChangeApplier applier = applier(context, pool)) {
        applier.resume(start);
        applier.submit(first, false);
        applier.submit(new SourceTransaction(ApplyFixture.SOURCE, List.of(), null, end,
            Instant.now(), null, spilled), false);
        applier.flush();
        assertThat(applier.lowWatermark()).isEqualTo(end);
      }
    } finally {
      System.clearProperty(MemoryBudget.LARGE_TRANSACTION_PROPERTY);
      spilled.delete();
    }
    assertThat(rows(target, "SELECT COUNT(*), MIN(id), MAX(id) FROM apply_ops.item"
        + " WHERE name = 'large'")).containsExactly(List.of(300L, 100L, 399L));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void multiRowStatementsStillNameTheMissingRow(Flavor flavor) throws Exception {
    DatabaseServer target = target(flavor);
    target.execute("INSERT INTO apply_ops.item VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)");
    List<RowChange> updates = List.of(update(ITEMS, row(1L, "a", 1L), row(1L, "a", 10L)),
        update(ITEMS, row(2L, "b", 2L), row(2L, "b", 20L)),
        update(ITEMS, row(99L, "z", 9L), row(99L, "z", 90L)),
        update(ITEMS, row(3L, "c", 3L), row(3L, "c", 30L)));
    List<RowChange> deletes = List.of(delete(ITEMS, 1L, "a", 1L), delete(ITEMS, 98L, "y", 8L),
        delete(ITEMS, 2L, "b", 2L));
    for (List<RowChange> changes : List.of(updates, deletes)) {
      TaskContext context = ApplyFixture.context("multi-" + flavor + changes.size(),
          new InMemoryStatusSink(ApplyFixture.spec(target, 1, 100), null), target);
      ApplyFixture.Stream stream = new ApplyFixture.Stream(false);
      try (Database pool = ApplyFixture.targetPool(context);
          ChangeApplier applier = applier(context, pool)) {
        applier.resume(stream.position());
        applier.submit(stream.tx(changes), false);
        assertThatThrownBy(applier::flush).isInstanceOf(FerryException.class)
            .hasMessageContaining(changes == updates ? "`id`=99" : "`id`=98");
      }
    }
    assertThat(rows(target, "SELECT id, qty FROM apply_ops.item ORDER BY id"))
        .containsExactly(List.of(1L, 1L), List.of(2L, 2L), List.of(3L, 3L));
  }

  @Test
  void batchesSmallTransactionsWithoutSplittingLargeOnes() throws Exception {
    DatabaseServer target = target(Flavor.MARIADB);
    TaskContext context = ApplyFixture.context("batch",
        new InMemoryStatusSink(ApplyFixture.spec(target, 1, 50), null), target);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(false);
    try (Database pool = ApplyFixture.targetPool(context);
        ChangeApplier applier = applier(context, pool)) {
      applier.resume(stream.position());
      applier.flush();
      long commitsBefore = comCommit(target);
      List<RowChange> filler = new ArrayList<>();
      for (long id = 100_000; id < 105_000; id++) {
        filler.add(insert(ITEMS, id, "filler", 0L));
      }
      applier.submit(stream.tx(filler), false);
      for (long id = 1; id <= 400; id++) {
        applier.submit(stream.tx(insert(ITEMS, id, "n" + id, id)), false);
      }
      applier.flush();
      long smallCommits = applier.stats().targetCommits();
      assertThat(smallCommits).as("the filler alone, then 400 rows queued behind it in batches"
          + " of 50").isBetween(9L, 15L);
      assertThat(comCommit(target) - commitsBefore).isLessThan(30);
      target.execute("DELETE FROM apply_ops.item WHERE id >= 100000");

      List<RowChange> large = new ArrayList<>();
      for (long id = 1; id <= 120; id++) {
        large.add(update(ITEMS, row(id, "n" + id, id), row(id, "n" + id, id + 1000)));
      }
      applier.submit(stream.tx(large), false);
      applier.flush();
      assertThat(applier.stats().targetCommits() - smallCommits)
          .as("a source transaction larger than the batch size is one target transaction")
          .isEqualTo(1);
      assertThat(rows(target, "SELECT COUNT(*), CAST(SUM(qty) AS SIGNED) FROM apply_ops.item"))
          .containsExactly(List.of(400L, 80_200L + 120 * 1000L));
    }
  }

  @Test
  void changesOfOneKeyApplyInOrderAcrossLanes() throws Exception {
    DatabaseServer target = target(Flavor.MARIADB);
    int lanes = 4;
    TaskContext context = ApplyFixture.context("causality",
        new InMemoryStatusSink(ApplyFixture.spec(target, lanes, 5000), null), target);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(false);
    long busyFirst = idOnLane(0, lanes, 1_000_000);
    long quickFirst = idOnLane(1, lanes, 2_000_000);
    try (Database pool = ApplyFixture.targetPool(context);
        ChangeApplier applier = applier(context, pool)) {
      applier.resume(stream.position());
      applier.submit(stream.tx(insert(ITEMS, 1L, "start", 0L)), false);
      applier.flush();
      List<RowChange> busy = new ArrayList<>();
      busy.add(insert(ITEMS, busyFirst, "busy", 0L));
      for (long id = 10_000; id < 13_000; id++) {
        busy.add(insert(ITEMS, id, "filler", id));
      }
      busy.add(update(ITEMS, row(1L, "start", 0L), row(2L, "moved", 1L)));
      applier.submit(stream.tx(busy), false);
      applier.submit(stream.tx(insert(ITEMS, quickFirst, "quick", 0L),
          update(ITEMS, row(2L, "moved", 1L), row(2L, "later", 2L))), false);
      applier.submit(stream.tx(insert(ITEMS, quickFirst + 4, "quick", 0L),
          update(ITEMS, row(2L, "later", 2L), row(3L, "last", 3L))), false);
      applier.flush();
      assertThat(rows(target, "SELECT id, name, qty FROM apply_ops.item WHERE id < 100"))
          .containsExactly(List.of(3L, "last", 3L));
    }
  }

  @Test
  void valuesOfUniqueIndexesApplyInOrderAcrossLanes() throws Exception {
    DatabaseServer target = target(Flavor.MARIADB);
    target.execute("CREATE TABLE apply_ops.member (id BIGINT PRIMARY KEY,"
        + " email VARCHAR(50) NOT NULL UNIQUE, nick VARCHAR(20) UNIQUE)");
    TableRef memberRef = new TableRef("apply_ops", "member");
    TableSchema members = ApplyFixture.schema(memberRef, List.of("id", "email", "nick"), 0);
    int lanes = 4;
    TaskContext context = ApplyFixture.context("unique",
        new InMemoryStatusSink(ApplyFixture.spec(target, lanes, 5000), null), target);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(false);
    long busyFirst = idOnLane(0, lanes, 1_000_000);
    long quickMember = idOnLane(members, 1, lanes, 100);
    try (Database pool = ApplyFixture.targetPool(context);
        ChangeApplier applier = new ChangeApplier(context, ApplyFixture.SOURCE, pool,
            ApplyFixture.identity(ITEM, memberRef), ddl -> { })) {
      applier.resume(stream.position());
      applier.submit(stream.tx(insert(members, 1L, "a@x.org", null)), false);
      applier.flush();
      List<RowChange> busy = new ArrayList<>();
      busy.add(insert(ITEMS, busyFirst, "busy", 0L));
      for (long id = 10_000; id < 13_000; id++) {
        busy.add(insert(ITEMS, id, "filler", id));
      }
      busy.add(update(members, row(1L, "a@x.org", null), row(1L, "b@x.org", null)));
      applier.submit(stream.tx(busy), false);
      applier.submit(stream.tx(insert(members, quickMember, "A@x.org", null)), false);
      applier.flush();
      assertThat(rows(target, "SELECT id, email FROM apply_ops.member ORDER BY id"))
          .containsExactly(List.of(1L, "b@x.org"), List.of(quickMember, "A@x.org"));
    }
  }

  @Test
  void throttlesRowsPerSecond() throws Exception {
    DatabaseServer target = target(Flavor.MARIADB);
    var spec = ApplyFixture.spec(target, 2, 100);
    spec.getIncremental().getThrottle().setRowsPerSecond(200L);
    TaskContext context = ApplyFixture.context("throttle", new InMemoryStatusSink(spec, null),
        target);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(false);
    try (Database pool = ApplyFixture.targetPool(context);
        ChangeApplier applier = applier(context, pool)) {
      applier.resume(stream.position());
      long begin = System.nanoTime();
      for (long id = 1; id <= 600; id++) {
        applier.submit(stream.tx(insert(ITEMS, id, "t", id)), false);
      }
      applier.flush();
      double seconds = (System.nanoTime() - begin) / 1e9;
      assertThat(seconds).as("600 rows at 200 rows/s after a 200-row burst").isGreaterThan(1.7);
    }
  }

  /** An id whose causality key puts a transaction starting with it on {@code lane}. */
  static long idOnLane(int lane, int lanes, long from) {
    return idOnLane(ITEMS, lane, lanes, from);
  }

  private static long idOnLane(TableSchema schema, int lane, int lanes, long from) {
    TargetTable table = TargetTable.of(schema,
        ApplyFixture.identity(schema.table()).apply(schema.table()), List.of(), Map.of(),
        List.of());
    long id = from;
    while (CausalityKeys.lane(CausalityKeys.of(new TargetChange(table,
        dev.ferry.worker.cdc.change.RowOperation.INSERT, null, row(id, "x", 0L))), lanes) != lane) {
      id++;
    }
    return id;
  }

  private static long comCommit(DatabaseServer target) throws Exception {
    return Long.parseLong(String.valueOf(
        target.query("SHOW GLOBAL STATUS LIKE 'Com_commit'").get(0).get(1)));
  }
}
