package dev.ferry.worker.precheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.v1alpha1.CheckResult;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.PrecheckItem;
import dev.ferry.api.v1alpha1.StaleStatePolicy;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * State of another run of the same task on the target: spec.onStaleState Refuse fails the
 * precheck naming the stale run (id, rows by ledger, when last written) and how to clear it;
 * StartOver (the default) warns and goes on; the task's current run and other tasks are no
 * stale state.
 */
class StaleStateCheckTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void refuseNamesTheStaleRunAndHowToClearItStartOverWarns(Flavor flavor) throws SQLException {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    pair.source().execute("CREATE DATABASE shop",
        "CREATE TABLE shop.item (id INT PRIMARY KEY, name VARCHAR(40))");
    pair.target().execute("CREATE DATABASE ferry_meta",
        "CREATE TABLE ferry_meta.chunks (task_id VARCHAR(320) NOT NULL, n INT,"
            + " updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))",
        "CREATE TABLE ferry_meta.lanes (task_id VARCHAR(320) NOT NULL, lane INT,"
            + " updated_at DATETIME(6) NOT NULL)",
        "INSERT INTO ferry_meta.chunks VALUES ('test/precheck@old', 1, '2026-11-30 10:00:00'),"
            + " ('test/precheck@old', 2, '2026-11-30 10:00:01'),"
            + " ('test/precheck@run-1', 1, '2026-12-02 00:00:00'),"
            + " ('other/task@x', 1, '2026-12-03 00:00:00')",
        "INSERT INTO ferry_meta.lanes VALUES ('test/precheck@old', 0,"
            + " '2026-12-01 08:30:00.123456')");
    PrecheckFixture task = new PrecheckFixture(pair, Mode.Full);
    task.spec().setOnStaleState(StaleStatePolicy.Refuse);

    assertThatThrownBy(task::run).isInstanceOfSatisfying(PrecheckFailedException.class,
        e -> assertThat(e.getMessage()).contains("StaleState"));
    PrecheckItem refused = task.item("StaleState");
    assertThat(refused.getResult()).isEqualTo(CheckResult.Fail);
    assertThat(refused.getMessage()).contains("1 other run(s) of task test/precheck",
        "run 'old' (3 rows in chunks, lanes, last written 2026-12-01 08:30:00.123456)",
        "spec.onStaleState is Refuse").doesNotContain("run-1").doesNotContain("other/task");
    assertThat(refused.getRemedy()).contains("ferry cleanup -f <task.yaml> --all-stale",
        "DELETE FROM `ferry_meta`.`chunks` WHERE task_id = 'test/precheck@old'",
        "DELETE FROM `ferry_meta`.`lanes` WHERE task_id = 'test/precheck@old'",
        "spec.onStaleState: StartOver");

    task.spec().setOnStaleState(StaleStatePolicy.StartOver);
    task.run();
    PrecheckItem warned = task.item("StaleState");
    assertThat(warned.getResult()).isEqualTo(CheckResult.Warn);
    assertThat(warned.getMessage()).contains("run 'old'", "this run (run-1) ignores it");

    pair.target().execute("DELETE FROM ferry_meta.chunks WHERE task_id = 'test/precheck@old'",
        "DELETE FROM ferry_meta.lanes WHERE task_id = 'test/precheck@old'");
    task.spec().setOnStaleState(StaleStatePolicy.Refuse);
    task.run();
    assertThat(task.item("StaleState").getResult()).isEqualTo(CheckResult.Pass);
  }
}
