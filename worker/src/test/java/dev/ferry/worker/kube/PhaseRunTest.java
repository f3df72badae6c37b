package dev.ferry.worker.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.retry.TerminationMessage;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.worker.cli.ExitCodes;
import dev.ferry.worker.cli.WorkerCommand;
import dev.ferry.worker.db.SecretReader;
import dev.ferry.worker.engine.PhaseExecutor;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PhaseRunTest {

  private static final MockApiServer API = new MockApiServer();

  @TempDir
  Path dir;

  @AfterAll
  static void stop() {
    API.close();
  }

  @Test
  void aSucceededPhaseExitsZeroWithItsStatusSent() throws Exception {
    API.createTask("ns", "ok");
    Environment environment = new Environment((phase, context) -> {
      assertThat(phase).isEqualTo(Phase.Schema);
      assertThat(context.taskId()).isEqualTo("ns/ok");
      context.sink().update(status -> status.setProgress("schema: 2 tables"));
    });

    int exit = command(environment, "--namespace", "ns", "--task", "ok", "--phase", "Schema");

    assertThat(exit).isEqualTo(ExitCodes.DONE);
    assertThat(task("ok").getStatus().getProgress()).isEqualTo("schema: 2 tables");
    assertThat(Files.size(dir.resolve("termination-log"))).isZero();
  }

  @Test
  void aFailedPhaseLeavesItsClassifiedTerminationMessage() throws Exception {
    API.createTask("ns", "fails");
    Environment environment = new Environment((phase, context) -> {
      throw new FerryException(FailureClass.Other, "Table 'shop.orders' already exists");
    });

    int exit = command(environment, "--namespace", "ns", "--task", "fails", "--phase",
        "FullLoad", "--shard", "1", "--shards", "2");

    assertThat(exit).isEqualTo(ExitCodes.FAILED);
    TerminationMessage message = TerminationMessage.parse(
        Files.readString(dir.resolve("termination-log")));
    assertThat(message.failureClass()).isEqualTo(FailureClass.Other);
    assertThat(message.message()).contains("Table 'shop.orders' already exists");
    assertThat(environment.shards).containsExactly(1, 2);
  }

  @Test
  void aStopRequestInterruptsThePhaseSendsItsCheckpointAndExitsAsAConnectionFailure()
      throws Exception {
    API.createTask("ns", "stopped");
    CountDownLatch running = new CountDownLatch(1);
    Environment environment = new Environment((phase, context) -> {
      running.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        context.sink().update(status -> status.setCheckpoints(new ArrayList<>(List.of(
            checkpoint(4242)))));
        throw e;
      }
    });

    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> command(environment,
        "--namespace", "ns", "--task", "stopped", "--phase", "Incremental"));
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
    environment.stop.get().run();

    assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.INTERRUPTED);
    TerminationMessage message = TerminationMessage.parse(
        Files.readString(dir.resolve("termination-log")));
    assertThat(message.failureClass()).isEqualTo(FailureClass.Connection);
    assertThat(message.message()).contains("stopped by SIGTERM");
    assertThat(task("stopped").getStatus().getCheckpoints()).singleElement()
        .satisfies(c -> assertThat(c.getPosition()).isEqualTo(4242L));
  }

  @Test
  void aTaskDeletedAndCreatedAgainUnderItsNameIsANewRunKeyedByItsUid() throws Exception {
    List<String> runIds = new ArrayList<>();
    List<String> stateKeys = new ArrayList<>();
    Environment environment = new Environment((phase, context) -> {
      runIds.add(context.runId());
      stateKeys.add(context.stateKey());
    });
    String firstUid = API.createTask("ns", "again").getMetadata().getUid();
    assertThat(command(environment, "--namespace", "ns", "--task", "again", "--phase",
        "Precheck")).isEqualTo(ExitCodes.DONE);
    assertThat(command(environment, "--namespace", "ns", "--task", "again", "--phase",
        "Schema")).isEqualTo(ExitCodes.DONE);
    API.client().resource(task("again")).delete();
    String secondUid = API.createTask("ns", "again").getMetadata().getUid();

    assertThat(command(environment, "--namespace", "ns", "--task", "again", "--phase",
        "Precheck")).isEqualTo(ExitCodes.DONE);

    assertThat(firstUid).isNotBlank().isNotEqualTo(secondUid);
    assertThat(runIds).containsExactly(firstUid, firstUid, secondUid);
    assertThat(stateKeys).containsExactly("ns/again@" + firstUid, "ns/again@" + firstUid,
        "ns/again@" + secondUid);
  }

  @Test
  void aMissingTaskIsFatal() throws Exception {
    int exit = command(new Environment((phase, context) -> { }), "--namespace", "ns",
        "--task", "nope", "--phase", "Precheck");

    assertThat(exit).isEqualTo(ExitCodes.FAILED);
    TerminationMessage message = TerminationMessage.parse(
        Files.readString(dir.resolve("termination-log")));
    assertThat(message.failureClass()).isEqualTo(FailureClass.Fatal);
    assertThat(message.message()).contains("ns/nope", "does not exist");
  }

  private int command(Environment environment, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--termination-log", dir.resolve("termination-log").toString()));
    try {
      Files.writeString(dir.resolve("termination-log"), "");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return new CommandLine(new WorkerCommand(() -> environment))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .execute(all.toArray(String[]::new));
  }

  private static MigrationTask task(String name) {
    return API.client().resources(MigrationTask.class).inNamespace("ns").withName(name).get();
  }

  private static SourceCheckpoint checkpoint(long position) {
    SourceCheckpoint checkpoint = new SourceCheckpoint();
    checkpoint.setSource("src");
    checkpoint.setFile("mysql-bin.000003");
    checkpoint.setPosition(position);
    return checkpoint;
  }

  /** A worker environment on the mock API server with a given engine. */
  private static final class Environment implements WorkerEnvironment {
    private final PhaseExecutor executor;
    private final AtomicReference<Runnable> stop = new AtomicReference<>();
    private final List<Integer> shards = new ArrayList<>();

    Environment(PhaseExecutor executor) {
      this.executor = executor;
    }

    @Override
    public KubernetesClient client() {
      return API.client();
    }

    @Override
    public SecretReader secrets() {
      return new EnvSecretReader(java.util.Map.of());
    }

    @Override
    public PhaseExecutor executor(int shard, int shardCount) {
      shards.addAll(List.of(shard, shardCount));
      return executor;
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public void onStopRequest(Runnable stopRequest) {
      stop.set(stopRequest);
    }
  }
}
