package dev.ferry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.kubectl.KubectlFerry;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code kubectl ferry} against the operator on the mock API: it shows the status the worker
 * and the operator wrote, and drives the task through spec edits the operator acts on.
 */
class KubectlFerryTest {

  private static HandOperator running;
  private static MockCluster cluster;
  private static HandPods pods;

  @BeforeAll
  static void start() {
    running = HandOperator.start();
    cluster = running.cluster();
    pods = running.pods();
  }

  @AfterAll
  static void stop() {
    running.close();
  }

  @Test
  void statusShowsPhaseLagCheckpointsAndTheWorkerOnOneScreen() {
    String ns = namespace();
    Pod incremental = replicating(ns);
    pods.patchStatus(ns, "{\"replication\":{\"lagSeconds\":3,\"eventsPerSecond\":1250.5},"
        + "\"checkpoints\":[{\"source\":\"src\",\"file\":\"mysql-bin.000003\",\"position\":4711,"
        + "\"eventTime\":\"" + Instant.now().minusSeconds(3) + "\"}]}");

    Result status = kubectl("status", HandPods.TASK, "-n", ns);

    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("Task:        " + ns + "/" + HandPods.TASK,
        "Phase:       Incremental", "lag 3s, 1250.5 events/s",
        "Checkpoint:  src: mysql-bin.000003:4711", "(behind 3s)",
        "pod(s) " + incremental.getMetadata().getName());
  }

  @Test
  void cutoverSetsTheRequestAndFollowsTheGateUntilTheTaskCompletes() {
    String ns = namespace();
    Pod incremental = replicating(ns);
    pods.patchStatus(ns, "{\"replication\":{\"lagSeconds\":0}}");

    CompletableFuture<Result> cutover = CompletableFuture.supplyAsync(
        () -> kubectl("cutover", HandPods.TASK, "-n", ns, "--timeout", "60s"));
    await().atMost(HandPods.PATIENCE).until(() -> "CutoverInProgress".equals(
        pods.condition(ns, ConditionType.Reconciling).map(c -> c.getReason()).orElse("")));
    assertThat(cutover).isNotDone();
    pods.setStatus(incremental, HandPods.workerExited("Succeeded", 0, null));
    Pod validation = pods.awaitPod(ns, Phase.Validation);
    assertThat(cutover).isNotDone();
    pods.setStatus(validation, HandPods.workerExited("Succeeded", 0, null));
    Result result = cutover.join();

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains(
        "set spec.cutover.requested: true on migrationtask " + ns + "/" + HandPods.TASK,
        "phase Incremental, lag 0s (maxLag 1s)", "cutover done: the task completed");
    assertThat(pods.task(ns).getSpec().getCutover().isRequested()).isTrue();
    assertThat(pods.task(ns).getStatus().getPhase()).isEqualTo(Phase.Completed);
  }

  @Test
  void retryMakesAFailedTaskTryAgainThroughItsSpec() {
    String ns = namespace();
    pods.createSecrets(ns);
    pods.createTask(ns, Mode.Full, spec -> { });
    Pod precheck = pods.awaitPod(ns, Phase.Precheck);
    Result early = kubectl("retry", HandPods.TASK, "-n", ns);
    assertThat(early.code()).isEqualTo(3);
    assertThat(early.err()).contains("has not failed", "nothing set");
    pods.setStatus(precheck, HandPods.workerExited("Failed", 4,
        "{\"class\":\"Fatal\",\"message\":\"binlog_format is STATEMENT\"}"));
    await().atMost(HandPods.PATIENCE)
        .until(() -> pods.task(ns).getStatus().getPhase() == Phase.Failed);
    assertThat(pods.task(ns).getSpec().getRetry().getRequest()).isNull();

    Result retry = kubectl("retry", HandPods.TASK, "-n", ns);

    assertThat(retry.code()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("set spec.retry.request: \"");
    assertThat(pods.task(ns).getSpec().getRetry().getRequest()).isNotNull();
    await().atMost(HandPods.PATIENCE).until(() -> {
      MigrationTask task = pods.task(ns);
      return task.getStatus().getPhase() == Phase.Precheck && task.getStatus().getWorker() != null
          && !task.getStatus().getWorker().getPods().contains(precheck.getMetadata().getName());
    });
    assertThat(cluster.events(ns)).anySatisfy(event -> assertThat(event.getReason())
        .isEqualTo("Resumed"));
  }

  @Test
  void suspendAndResumeEditSpecSuspend() {
    String ns = namespace();
    pods.createSecrets(ns);
    pods.createTask(ns, Mode.Full, spec -> { });
    pods.setStatus(pods.awaitPod(ns, Phase.Precheck), HandPods.workerExited("Succeeded", 0,
        null));
    Pod schema = pods.awaitPod(ns, Phase.Schema);

    Result suspend = kubectl("suspend", HandPods.TASK, "-n", ns);

    assertThat(suspend.code()).as(suspend.err()).isZero();
    assertThat(suspend.out()).isEqualTo("set spec.suspend: true on migrationtask " + ns + "/"
        + HandPods.TASK + System.lineSeparator());
    assertThat(pods.task(ns).getSpec().isSuspend()).isTrue();
    await("the operator stops the worker").atMost(HandPods.PATIENCE)
        .until(() -> cluster.pods(ns).stream().noneMatch(pod -> pod.getMetadata().getName()
            .equals(schema.getMetadata().getName())));
    await().atMost(HandPods.PATIENCE)
        .until(() -> pods.task(ns).getStatus().getPhase() == Phase.Suspended);

    Result resume = kubectl("resume", HandPods.TASK, "-n", ns);

    assertThat(resume.code()).as(resume.err()).isZero();
    assertThat(resume.out()).contains("set spec.suspend: false");
    assertThat(pods.task(ns).getSpec().isSuspend()).isFalse();
    await().atMost(HandPods.PATIENCE)
        .until(() -> pods.task(ns).getStatus().getPhase() == Phase.Schema);
  }

  @Test
  void anUnknownTaskIsAClearError() {
    Result status = kubectl("status", "nope", "-n", namespace());

    assertThat(status.code()).isEqualTo(2);
    assertThat(status.err()).contains("migrationtask", "/nope not found");
  }

  /** A task of mode Incremental whose worker pod replicates. */
  private static Pod replicating(String ns) {
    pods.createSecrets(ns);
    pods.createTask(ns, Mode.Incremental, spec -> { });
    Pod incremental = pods.passPrecheck(ns, Phase.Incremental);
    pods.setStatus(incremental, HandPods.running());
    await().atMost(HandPods.PATIENCE).until(() -> pods.task(ns).getStatus().getPhase()
        == Phase.Incremental);
    return incremental;
  }

  private static Result kubectl(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine plugin = KubectlFerry.commandLine(cluster::newClient);
    plugin.setOut(new PrintWriter(out, true));
    plugin.setErr(new PrintWriter(err, true));
    int code = plugin.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static String namespace() {
    return running.namespace("kubectl");
  }

  private record Result(int code, String out, String err) {}
}
