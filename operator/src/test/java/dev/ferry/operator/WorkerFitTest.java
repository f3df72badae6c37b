package dev.ferry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.operator.pod.WorkerLogging;
import dev.ferry.operator.pod.WorkerPodDefaults;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Worker pods in real clusters: a sidecar keeps a finished worker's pod Running, and the
 * cluster admin restricts which images and service accounts a task may choose.
 */
class WorkerFitTest {

  private static HandOperator running;
  private static MockCluster cluster;
  private static HandPods pods;

  @BeforeAll
  static void start() {
    running = HandOperator.start(new OperatorConfig("ferry/worker:test", Set.of(), 0,
        "ferry-worker", false, null, WorkerPodDefaults.none(),
        WorkerAllowList.of("registry.example.com/ferry/*", "migrations-*"),
        WorkerLogging.DEFAULT));
    cluster = running.cluster();
    pods = running.pods();
  }

  @AfterAll
  static void stop() {
    running.close();
  }

  @Test
  void aFinishedWorkerBesideARunningSidecarCompletesItsPhase() {
    String ns = namespace();
    pods.createSecrets(ns);
    pods.createTask(ns, Mode.Incremental, spec -> { });
    Pod precheck = pods.awaitPod(ns, Phase.Precheck);

    pods.setStatus(precheck, HandPods.workerExited("Running", 0, null,
        new ContainerStatusBuilder().withName("istio-proxy").withNewState().withNewRunning()
            .endRunning().endState().build()));

    pods.awaitPod(ns, Phase.Incremental);
    assertThat(pods.awaitCondition(ns, ConditionType.PrecheckPassed, "True")).isNotNull();
    await().atMost(HandPods.PATIENCE).until(() -> pods.pod(ns, Phase.Precheck).isEmpty());
  }

  @Test
  void anImageOutsideTheAllowListIsRefused() {
    String ns = namespace();
    pods.createSecrets(ns);
    pods.createTask(ns, Mode.Full, spec -> spec.getWorker().setImage("evil.example.com/x:1"));

    var stalled = pods.awaitCondition(ns, ConditionType.Stalled, "True");
    assertThat(stalled.getReason()).isEqualTo("WorkerNotAllowed");
    assertThat(stalled.getMessage()).contains("evil.example.com/x:1",
        "registry.example.com/ferry/*", "worker.allowedImages");
    assertThat(cluster.pods(ns)).isEmpty();
  }

  @Test
  void aServiceAccountOutsideTheAllowListIsRefusedAndAnAllowedOneRuns() {
    String ns = namespace();
    pods.createSecrets(ns);
    pods.createTask(ns, Mode.Full, spec -> spec.getWorker().setServiceAccountName("admin"));
    assertThat(pods.awaitCondition(ns, ConditionType.Stalled, "True").getMessage())
        .contains("spec.worker.serviceAccountName admin", "worker.allowedServiceAccounts");

    cluster.client().resources(dev.ferry.api.v1alpha1.MigrationTask.class).inNamespace(ns)
        .withName(HandPods.TASK).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"worker\":{\"serviceAccountName\":\"migrations-shop\","
                + "\"image\":\"registry.example.com/ferry/worker:2\"}}}");

    Pod precheck = pods.awaitPod(ns, Phase.Precheck);
    assertThat(precheck.getSpec().getServiceAccountName()).isEqualTo("migrations-shop");
  }

  private static String namespace() {
    return running.namespace("fit");
  }
}
