package dev.ferry.operator;

import static dev.ferry.operator.HandPods.PATIENCE;
import static dev.ferry.operator.HandPods.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.retry.TerminationMessage;
import dev.ferry.api.secrets.SecretEnvNames;
import dev.ferry.api.status.ConditionType;
import dev.ferry.api.v1alpha1.CleanupPolicy;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.operator.pod.WorkerPods;
import dev.ferry.operator.reconcile.MigrationTaskReconciler;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The finalizer of a MigrationTask: added on create; on delete the task's workers stop first,
 * then a cleanup pod removes the deleted run's state from the target (spec.cleanup Delete, the
 * default) and the task goes once it succeeded. Keep, a task deleted before any phase kept
 * state, and a finalizer removed by hand let the task go without a cleanup pod; a failed or
 * blocked cleanup says so with the ways out.
 */
class FinalizerTest {

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
  void aTaskDeletedBeforeAnyPhaseKeptStateGoesAtOnce() {
    String ns = namespace();
    pods.createSecrets(ns);
    pods.createTask(ns, Mode.Full, spec -> { });
    Pod precheck = pods.awaitPod(ns, Phase.Precheck);
    await().atMost(PATIENCE).until(() -> pods.task(ns).getMetadata().getFinalizers()
        .contains(MigrationTaskReconciler.FINALIZER));

    delete(ns);

    awaitGone(ns);
    assertThat(cluster.pods(ns)).as("the precheck pod stopped, no cleanup pod")
        .noneMatch(pod -> pod.getMetadata().getName().equals(precheck.getMetadata().getName()))
        .noneMatch(WorkerPods::isCleanup);
  }

  @Test
  void workersStopFirstThenACleanupPodRemovesTheRunsStateAndTheTaskGoes() {
    String ns = namespace();
    String uid = runningSchema(ns);
    Pod schema = pods.awaitPod(ns, Phase.Schema);
    holdDeletion(schema);

    delete(ns);

    await().atMost(PATIENCE).until(() -> pods.awaitPod(ns, Phase.Schema).getMetadata()
        .getDeletionTimestamp() != null);
    assertThat(pods.awaitCondition(ns, ConditionType.Reconciling, "True").getReason())
        .isEqualTo("StoppingWorkers");
    assertThat(cleanupPod(ns)).as("no cleanup while a worker still runs").isEmpty();

    pods.setStatus(schema, HandPods.workerExited("Failed", 143, null));
    releaseDeletion(schema);
    await().atMost(PATIENCE).until(() -> cleanupPod(ns).isPresent());
    Pod cleanup = cleanupPod(ns).orElseThrow();
    Container container = cleanup.getSpec().getContainers().get(0);
    assertThat(container.getArgs()).containsExactly("cleanup-worker", "--namespace", ns,
        "--task", TASK, "--run", uid);
    assertThat(container.getEnv()).extracting(EnvVar::getName).containsExactly(
        "FERRY_LOG_LEVEL", "FERRY_LOG_FORMAT",
        SecretEnvNames.variable("target-credentials", "username"),
        SecretEnvNames.variable("target-credentials", "password"));
    assertThat(container.getEnv()).filteredOn(env -> env.getName().startsWith("FERRY_SECRET_"))
        .allSatisfy(env -> assertThat(env.getValue()).isNull());
    assertThat(cleanup.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(uid));
    assertThat(cleanup.getMetadata().getLabels()).containsEntry(WorkerPods.CLEANUP_RUN, uid);
    assertThat(pods.task(ns).getMetadata().getDeletionTimestamp()).isNotNull();
    awaitEvent(ns, "RemovingState");

    pods.setStatus(cleanup, HandPods.workerExited("Succeeded", 0, null));

    awaitGone(ns);
    assertThat(awaitEvent(ns, "StateRemoved").getMessage()).contains(uid);
  }

  @Test
  void keepLeavesTheStateWithoutACleanupPod() {
    String ns = namespace();
    String uid = runningSchema(ns);
    // a merge patch carries no resourceVersion: the operator may write the status meanwhile
    cluster.client().resources(MigrationTask.class).inNamespace(ns).withName(TASK)
        .patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"cleanup\":\"" + CleanupPolicy.Keep + "\"}}");

    delete(ns);

    awaitGone(ns);
    assertThat(cleanupPod(ns)).isEmpty();
    assertThat(awaitEvent(ns, "StateKept").getMessage()).contains("run " + uid,
        "ferry cleanup");
  }

  @Test
  void aFailedCleanupSaysWhyAndHowToLetGoAndKeepLetsTheTaskGo() {
    String ns = namespace();
    runningSchema(ns);
    delete(ns);
    await().atMost(PATIENCE).until(() -> cleanupPod(ns).isPresent());

    pods.setStatus(cleanupPod(ns).orElseThrow(), HandPods.workerExited("Failed", 4,
        new TerminationMessage(FailureClass.Connection,
            "Communications link failure: target-db.example.com:3306").toJson()));

    Condition stalled = pods.awaitCondition(ns, ConditionType.Stalled, "True");
    assertThat(stalled.getReason()).isEqualTo("CleanupFailed");
    assertThat(stalled.getMessage()).contains("Communications link failure",
        "kubectl patch migrationtask task -n " + ns
            + " --type merge -p '{\"spec\":{\"cleanup\":\"Keep\"}}'",
        "--type json -p '[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]'");
    awaitEvent(ns, "CleanupFailed");

    cluster.client().resources(MigrationTask.class).inNamespace(ns).withName(TASK)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"cleanup\":\"Keep\"}}");

    awaitGone(ns);
  }

  @Test
  void aMissingTargetSecretBlocksTheCleanupUntilTheFinalizerIsRemovedByHand() {
    String ns = namespace();
    runningSchema(ns);
    cluster.client().secrets().inNamespace(ns).withName("target-credentials").delete();

    delete(ns);

    // the informer may still show the stopping worker pod for a moment (reason StoppingWorkers)
    await().atMost(PATIENCE).until(() -> pods.condition(ns, ConditionType.Stalled)
        .filter(c -> "True".equals(c.getStatus()) && "CleanupBlocked".equals(c.getReason()))
        .isPresent());
    Condition stalled = pods.condition(ns, ConditionType.Stalled).orElseThrow();
    assertThat(stalled.getMessage()).contains("Secret target-credentials does not exist",
        "/metadata/finalizers");
    assertThat(cleanupPod(ns)).isEmpty();

    cluster.client().resources(MigrationTask.class).inNamespace(ns).withName(TASK)
        .patch(PatchContext.of(PatchType.JSON),
            "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");

    awaitGone(ns);
  }

  /** A task whose schema phase runs (state on the target); returns its uid. */
  private static String runningSchema(String ns) {
    pods.createSecrets(ns);
    pods.createTask(ns, Mode.Full, spec -> { });
    Pod schema = pods.passPrecheck(ns, Phase.Schema);
    pods.setStatus(schema, HandPods.running());
    return pods.task(ns).getMetadata().getUid();
  }

  private static void delete(String ns) {
    cluster.client().resources(MigrationTask.class).inNamespace(ns).withName(TASK).delete();
  }

  private static void awaitGone(String ns) {
    await().atMost(PATIENCE).until(() -> pods.task(ns) == null);
  }

  private static Optional<Pod> cleanupPod(String ns) {
    return cluster.pods(ns).stream().filter(WorkerPods::isCleanup).findFirst();
  }

  /** A finalizer of the test's own: the pod stays, being deleted, as a stopping worker does. */
  private static void holdDeletion(Pod pod) {
    cluster.client().pods().inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName()).edit(current -> {
          current.getMetadata().getFinalizers().add("test.ferry.dev/hold");
          return current;
        });
  }

  private static void releaseDeletion(Pod pod) {
    cluster.client().pods().inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON),
            "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");
  }

  private static Event awaitEvent(String ns, String reason) {
    await().atMost(Duration.ofSeconds(30)).until(() -> event(ns, reason).isPresent());
    return event(ns, reason).orElseThrow();
  }

  private static Optional<Event> event(String ns, String reason) {
    return cluster.events(ns).stream().filter(e -> reason.equals(e.getReason())).findFirst();
  }

  private static String namespace() {
    return running.namespace("finalizer");
  }
}
