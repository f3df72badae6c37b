package dev.ferry.worker.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.retry.TerminationMessage;
import dev.ferry.api.secrets.SecretEnvNames;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cli.CleanupWorkerCommand;
import dev.ferry.worker.cli.ExitCodes;
import dev.ferry.worker.db.SecretReader;
import dev.ferry.worker.engine.PhaseExecutor;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ferry cleanup-worker}, as the operator's cleanup pod runs it for a deleted task: it
 * removes exactly the named run's rows from the target the task names, never the live run of a
 * task that is not being deleted, and says why when it cannot.
 */
class RunCleanupTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.mariaDb();

  private static final MockApiServer API = new MockApiServer();

  @TempDir
  Path dir;

  private DatabaseServer target;

  @AfterAll
  static void stop() {
    API.close();
  }

  @BeforeEach
  void ledgers() throws Exception {
    target = dbs.target();
    target.execute("DROP DATABASE IF EXISTS ferry_meta", "CREATE DATABASE ferry_meta",
        "CREATE TABLE ferry_meta.chunks (task_id VARCHAR(320) NOT NULL, n INT)",
        "CREATE TABLE ferry_meta.lanes (task_id VARCHAR(320) NOT NULL, lane INT)",
        "INSERT INTO ferry_meta.chunks VALUES ('ns/t@old', 1), ('ns/t@old', 2), ('ns/t@new', 1),"
            + " ('ns/other@old', 1)",
        "INSERT INTO ferry_meta.lanes VALUES ('ns/t@old', 0), ('ns/t@new', 0)");
  }

  @Test
  void removesExactlyTheNamedRunOfTheTask() throws Exception {
    createTask("t");

    assertThat(cleanup("t", "old")).isEqualTo(ExitCodes.DONE);

    assertThat(target.query("SELECT task_id, COUNT(*) FROM ferry_meta.chunks GROUP BY task_id"
        + " ORDER BY task_id")).containsExactly(List.of("ns/other@old", 1L),
            List.of("ns/t@new", 1L));
    assertThat(target.query("SELECT task_id FROM ferry_meta.lanes"))
        .containsExactly(List.of("ns/t@new"));
    assertThat(cleanup("t", "old")).as("nothing left to remove is success")
        .isEqualTo(ExitCodes.DONE);
  }

  @Test
  void neverRemovesTheLiveRunOfATaskThatIsNotBeingDeleted() throws Exception {
    String uid = createTask("live").getMetadata().getUid();
    target.execute("INSERT INTO ferry_meta.chunks VALUES ('ns/live@" + uid + "', 1)");

    assertThat(cleanup("live", uid)).isEqualTo(ExitCodes.FAILED);

    TerminationMessage message = terminationMessage();
    assertThat(message.failureClass()).isEqualTo(FailureClass.Fatal);
    assertThat(message.message()).contains("current run of ns/live", "not being deleted");
    assertThat(target.query("SELECT COUNT(*) FROM ferry_meta.chunks WHERE task_id = 'ns/live@"
        + uid + "'")).containsExactly(List.of(1L));
  }

  @Test
  void aTaskAlreadyGoneIsAFailureNamingTheLocalCommand() throws Exception {
    assertThat(cleanup("gone", "old")).isEqualTo(ExitCodes.FAILED);

    assertThat(terminationMessage().message()).contains("ns/gone no longer exists",
        "ferry cleanup -f <task.yaml> --run old");
    assertThat(target.query("SELECT COUNT(*) FROM ferry_meta.chunks WHERE task_id = 'ns/t@old'"))
        .containsExactly(List.of(2L));
  }

  private MigrationTask createTask(String name) {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    TargetSpec to = new TargetSpec();
    to.setHost(target.host());
    to.setPort(target.port());
    to.setCredentialsSecret("target-secret");
    to.getTls().setMode(TlsMode.Disabled);
    to.setAllowPublicKeyRetrieval(true);
    spec.setTarget(to);
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).build());
    task.setSpec(spec);
    return API.client().resource(task).create();
  }

  private int cleanup(String task, String run) {
    WorkerEnvironment environment = new CleanupEnvironment(new EnvSecretReader(Map.of(
        SecretEnvNames.variable("target-secret", "username"), target.adminUser(),
        SecretEnvNames.variable("target-secret", "password"), target.adminPassword())));
    return new CommandLine(new CleanupWorkerCommand(() -> environment)).execute(
        "--namespace", "ns", "--task", task, "--run", run,
        "--termination-log", dir.resolve("termination-log").toString());
  }

  private TerminationMessage terminationMessage() throws Exception {
    return TerminationMessage.parse(Files.readString(dir.resolve("termination-log")));
  }

  /** The API server and the target's credentials; a cleanup runs no phase. */
  private record CleanupEnvironment(SecretReader secrets) implements WorkerEnvironment {
    @Override
    public KubernetesClient client() {
      return API.client();
    }

    @Override
    public PhaseExecutor executor(int shard, int shards) {
      throw new UnsupportedOperationException("a cleanup runs no phase");
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public void onStopRequest(Runnable stop) {
    }
  }
}
