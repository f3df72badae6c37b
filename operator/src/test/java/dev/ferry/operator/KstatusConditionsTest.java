package dev.ferry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.status.Kstatus;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.TlsMode;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conditions the operator writes, read as Flux reads them (kstatus): Reconciling only while
 * a phase starts or a spec change is acted on, Stalled only when the task cannot progress, never
 * both, and Ready while the incremental phase replicates, so a long replication is Current.
 */
class KstatusConditionsTest {

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
  void aStartingPhaseIsReconcilingAndARunningOneIsNot() {
    String ns = namespace();
    pods.createSecrets(ns);
    pods.createTask(ns, Mode.Full, spec -> { });
    Pod precheck = pods.awaitPod(ns, Phase.Precheck);
    await().atMost(HandPods.PATIENCE).until(() -> kstatus(ns) != null);
    assertThat(pods.condition(ns, ConditionType.Reconciling).orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(kstatus(ns)).isEqualTo(Kstatus.InProgress);

    pods.setStatus(precheck, HandPods.running());

    assertThat(pods.awaitCondition(ns, ConditionType.Reconciling, "False").getReason())
        .isEqualTo("PhaseRunning");
    assertThat(kstatus(ns)).as("a full load in progress is not done").isEqualTo(
        Kstatus.InProgress);
    assertNeverReconcilingAndStalled(ns);
  }

  @Test
  void aReplicatingTaskIsCurrentForAsLongAsItReplicates() {
    String ns = namespace();
    pods.createSecrets(ns);
    pods.createTask(ns, Mode.Incremental, spec -> { });
    Pod incremental = pods.passPrecheck(ns, Phase.Incremental);
    pods.setStatus(incremental, HandPods.running());
    pods.patchStatus(ns, "{\"replication\":{\"lagSeconds\":7}}");
    pods.nudge(incremental);

    assertThat(pods.awaitCondition(ns, ConditionType.Ready, "True").getReason())
        .isEqualTo("Replicating");
    await().atMost(HandPods.PATIENCE).until(() -> kstatus(ns) == Kstatus.Current);
    assertNeverReconcilingAndStalled(ns);
  }

  @Test
  void aRefusedTaskIsFailedAndNotReconciling() {
    String ns = namespace();
    pods.createSecrets(ns);
    pods.createTask(ns, Mode.Full, spec -> spec.getTarget().getTls().setMode(TlsMode.VerifyCA));

    pods.awaitCondition(ns, ConditionType.Stalled, "True");
    assertThat(kstatus(ns)).isEqualTo(Kstatus.Failed);
    assertNeverReconcilingAndStalled(ns);
  }

  @Test
  void aFatalFailureIsFailedAndNotReconciling() {
    String ns = namespace();
    pods.createSecrets(ns);
    pods.createTask(ns, Mode.Full, spec -> { });
    Pod precheck = pods.awaitPod(ns, Phase.Precheck);
    pods.setStatus(precheck, HandPods.workerExited("Failed", 1,
        "{\"class\":\"Fatal\",\"message\":\"TLS is required but the server does not offer"
            + " TLS\"}"));

    await().atMost(HandPods.PATIENCE).until(() -> pods.task(ns).getStatus().getPhase()
        == Phase.Failed);
    assertThat(kstatus(ns)).isEqualTo(Kstatus.Failed);
    assertNeverReconcilingAndStalled(ns);
  }

  private static Kstatus kstatus(String ns) {
    MigrationTask task = pods.task(ns);
    return task.getStatus() == null || task.getStatus().getObservedGeneration() == null ? null
        : Kstatus.read(task.getMetadata().getGeneration(), task.getStatus());
  }

  private static void assertNeverReconcilingAndStalled(String ns) {
    MigrationTask task = pods.task(ns);
    assertThat(Conditions.isTrue(task.getStatus(), ConditionType.Reconciling)
        && Conditions.isTrue(task.getStatus(), ConditionType.Stalled)).isFalse();
  }

  private static String namespace() {
    return running.namespace("kstatus");
  }
}
