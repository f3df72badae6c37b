package dev.ferry.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.StateKey;
import dev.ferry.worker.task.TaskContext;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Listing, reporting and removing the state runs of tasks keep on the target. */
class RunStatesTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void listsRunsReportsTheStaleOnesOfATaskAndRemovesOneRunOnly(Flavor flavor) throws Exception {
    DatabaseServer target = dbs.pair(flavor, flavor).target();
    target.execute("DROP DATABASE IF EXISTS ferry_meta", "CREATE DATABASE ferry_meta",
        "CREATE TABLE ferry_meta.chunks (task_id VARCHAR(320) NOT NULL, n INT)",
        "CREATE TABLE ferry_meta.lanes (task_id VARCHAR(320) NOT NULL, lane INT)",
        "INSERT INTO ferry_meta.chunks VALUES ('ns/a@old', 1), ('ns/a@old', 2), ('ns/a@cur', 1),"
            + " ('ns/b@x', 1), ('ns/a', 1)",
        "INSERT INTO ferry_meta.lanes VALUES ('ns/a@old', 0), ('ns/a@cur', 0)");
    InMemoryStatusSink sink = new InMemoryStatusSink(spec(target), new MigrationTaskStatus());
    TaskContext context = new TaskContext("ns/a", "cur", sink, (secret, key) ->
        key.equals("username") ? target.adminUser() : target.adminPassword());

    try (Connection connection = target.connect()) {
      assertThat(RunStates.list(connection)).containsExactly(
          new StoredRun(new StateKey("ns/a", ""), Map.of("chunks", 1L)),
          new StoredRun(new StateKey("ns/a", "cur"), Map.of("chunks", 1L, "lanes", 1L)),
          new StoredRun(new StateKey("ns/a", "old"), Map.of("chunks", 2L, "lanes", 1L)),
          new StoredRun(new StateKey("ns/b", "x"), Map.of("chunks", 1L)));
      List<StoredRun> stale = RunStates.stale(connection, "ns/a", "cur");
      assertThat(stale).extracting(run -> run.key().runId()).containsExactly("", "old");

      RunStates.warnAboutStale(context);
      assertThat(sink.history()).extracting(MigrationTaskStatus::getProgress)
          .anySatisfy(line -> assertThat(line).contains("stale state of run 'old' of task ns/a",
              "3 rows", "ignores it", "ferry cleanup"));

      assertThat(RunStates.remove(connection, stale.get(1))).isEqualTo(3);
      assertThat(RunStates.list(connection)).extracting(run -> run.key().text())
          .containsExactly("ns/a", "ns/a@cur", "ns/b@x");
    }
    assertThat(RunStates.removalSql("chunks", new StateKey("ns/a", "o'ld")))
        .isEqualTo("DELETE FROM `ferry_meta`.`chunks` WHERE task_id = 'ns/a@o''ld'");
  }

  private static MigrationTaskSpec spec(DatabaseServer target) {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    TargetSpec to = new TargetSpec();
    to.setHost(target.host());
    to.setPort(target.port());
    to.setCredentialsSecret("target-secret");
    to.getTls().setMode(TlsMode.Disabled);
    to.setAllowPublicKeyRetrieval(true);
    spec.setTarget(to);
    return spec;
  }
}
