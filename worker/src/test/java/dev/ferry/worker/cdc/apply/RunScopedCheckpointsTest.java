package dev.ferry.worker.cdc.apply;

import static dev.ferry.worker.cdc.apply.ApplyFixture.insert;
import static dev.ferry.worker.cdc.apply.ApplyFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.position.Position;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.cdc.change.TableSchema;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lane checkpoints belong to one run of a task: a task re-created under the same name (a new run
 * id) starts from its own start position, never from the old run's checkpoints.
 */
class RunScopedCheckpointsTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final TableRef LOG = new TableRef("apply_runs", "log");
  private static final TableSchema LOGS = ApplyFixture.schema(LOG, List.of("tx", "note"), 0);

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aRecreatedTaskDoesNotResumeFromTheOldRunsLaneCheckpoints(Flavor flavor) throws Exception {
    DatabaseServer target = dbs.pair(flavor, flavor).target();
    target.execute("DROP DATABASE IF EXISTS apply_runs", "CREATE DATABASE apply_runs",
        "CREATE TABLE apply_runs.log (tx BIGINT PRIMARY KEY, note VARCHAR(20))");
    String task = "ns/runs-" + flavor;
    InMemoryStatusSink sink = new InMemoryStatusSink(ApplyFixture.spec(target, 3, 20), null);
    TaskContext first = ApplyFixture.context(task, sink, target);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(flavor != Flavor.MARIADB);
    Position start = stream.position();
    List<SourceTransaction> transactions = new ArrayList<>();
    for (long tx = 1; tx <= 40; tx++) {
      transactions.add(stream.tx(insert(LOGS, tx, "tx " + tx)));
    }
    try (Database pool = Database.open(first.target(), 8)) {
      applyAll(first, pool, start, transactions);
      assertThat(rows(target, "SELECT COUNT(*) FROM apply_runs.log")).containsExactly(List.of(40L));

      // the task is deleted and applied again: its target table starts empty, a new run
      target.execute("TRUNCATE TABLE apply_runs.log");
      TaskContext second = new TaskContext(task, "run-2", sink, first.secrets());
      try (ChangeApplier applier = new ChangeApplier(second, ApplyFixture.SOURCE, pool,
          ApplyFixture.identity(LOG), ddl -> { })) {
        ResumePoint point = applier.resume(start);
        assertThat(point.start()).as("the new run starts where it was told").isEqualTo(start);
        for (SourceTransaction tx : transactions) {
          applier.submit(tx, false);
        }
        applier.flush();
        assertThat(applier.stats().skipped()).as("nothing of the old run is skipped").isZero();
        assertThat(applier.stats().transactions()).isEqualTo(40);
      }
    }
    assertThat(rows(target, "SELECT COUNT(*) FROM apply_runs.log")).containsExactly(List.of(40L));
    assertThat(rows(target, "SELECT task_id, COUNT(*) FROM ferry_meta.cdc_checkpoints WHERE"
        + " task_id LIKE 'ns/runs-" + flavor + "@%' GROUP BY task_id ORDER BY task_id"))
        .containsExactly(List.of(task + "@run-1", 3L), List.of(task + "@run-2", 3L));
  }

  private static void applyAll(TaskContext context, Database pool, Position start,
      List<SourceTransaction> transactions) throws Exception {
    try (ChangeApplier applier = new ChangeApplier(context, ApplyFixture.SOURCE, pool,
        ApplyFixture.identity(LOG), ddl -> { })) {
      applier.resume(start);
      for (SourceTransaction tx : transactions) {
        applier.submit(tx, false);
      }
      applier.flush();
    }
  }
}
