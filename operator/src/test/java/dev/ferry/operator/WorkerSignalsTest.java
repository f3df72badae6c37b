package dev.ferry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.operator.pod.WorkerPodFactory;
import dev.ferry.operator.pod.WorkerPods;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the operator reads from others on the mock API server, with pod statuses set by hand
 * (no kubelet): worker pods Kubernetes cannot start, the worker's binlog retention warning, and
 * the removal of a deleted task's metrics.
 */
class WorkerSignalsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static MockCluster cluster;
  private static KubernetesClient operatorClient;
  private static SimpleMeterRegistry registry;
  private static FerryOperator operator;

  @BeforeAll
  static void start() {
    cluster = new MockCluster();
    operatorClient = cluster.newClient();
    registry = new SimpleMeterRegistry();
    operator = FerryOperator.create(new OperatorConfig("ferry/worker:test", Set.of(), 0,
        "ferry-worker", false, null), operatorClient, registry, Clock.systemUTC());
    operator.start();
  }

  @AfterAll
  static void stop() {
    operator.close();
    operatorClient.close();
    cluster.close();
  }

  @Test
  void aWorkerPodWhoseImageCannotBePulledStallsTheTaskUntilItStarts() {
    create("pull", Mode.Full);
    Pod pod = awaitPod("pull", Phase.Precheck);

    setPodStatus(pod, new PodStatusBuilder().withPhase("Pending")
        .withContainerStatuses(new ContainerStatusBuilder()
            .withName(WorkerPodFactory.CONTAINER).withImage("ferry/worker:test")
            .withNewState().withNewWaiting().withReason("ImagePullBackOff")
              .withMessage("Back-off pulling image \"ferry/worker:test\"")
            .endWaiting().endState().build())
        .build());

    Condition stalled = awaitCondition("pull", ConditionType.Stalled, "True");
    assertThat(stalled.getReason()).isEqualTo("WorkerCannotStart");
    assertThat(stalled.getMessage()).contains(pod.getMetadata().getName(), "ImagePullBackOff",
        "ferry/worker:test", "spec.worker.image", "--worker-image");
    awaitEvent("pull", "WorkerCannotStart");

    setPodStatus(pod, new PodStatusBuilder().withPhase("Running")
        .withContainerStatuses(new ContainerStatusBuilder()
            .withName(WorkerPodFactory.CONTAINER).withImage("ferry/worker:test")
            .withNewState().withNewRunning().endRunning().endState().build())
        .build());

    assertThat(awaitCondition("pull", ConditionType.Stalled, "False").getReason())
        .isEqualTo("WorkerStarted");
    assertThat(cluster.task("pull", "task").getStatus().getPhase()).isEqualTo(Phase.Precheck);
  }

  @Test
  void aMissingConfigOfTheContainerIsNamedToo() {
    create("config", Mode.Full);
    Pod pod = awaitPod("config", Phase.Precheck);

    setPodStatus(pod, new PodStatusBuilder().withPhase("Pending")
        .withContainerStatuses(new ContainerStatusBuilder()
            .withName(WorkerPodFactory.CONTAINER).withImage("ferry/worker:test")
            .withNewState().withNewWaiting().withReason("CreateContainerConfigError")
              .withMessage("secret \"source-credentials\" not found")
            .endWaiting().endState().build())
        .build());

    Condition stalled = awaitCondition("config", ConditionType.Stalled, "True");
    assertThat(stalled.getMessage()).contains("CreateContainerConfigError",
        "secret \"source-credentials\" not found", "Fix");
  }

  @Test
  void theWorkersBinlogWarningSetsBinlogAtRiskWithAWarningAndClears() {
    create("binlog", Mode.Incremental);
    Pod incremental = incrementalPod("binlog");

    String risk = "source src: checkpoint mysql-bin.000003 is in the oldest binlog file the"
        + " source keeps; raise binlog_expire_logs_seconds";
    patchStatus("binlog", "{\"replication\":{\"binlogAtRisk\":\"" + risk + "\"}}");
    nudge(incremental);

    Condition atRisk = awaitCondition("binlog", ConditionType.BinlogAtRisk, "True");
    assertThat(atRisk.getReason()).isEqualTo("BinlogRetention");
    assertThat(atRisk.getMessage()).isEqualTo(risk);
    awaitEvent("binlog", "BinlogAtRisk");

    patchStatus("binlog", "{\"replication\":{\"binlogAtRisk\":null}}");
    nudge(incremental);

    assertThat(awaitCondition("binlog", ConditionType.BinlogAtRisk, "False").getReason())
        .isEqualTo("BinlogRetained");
    assertThat(cluster.events("binlog")).filteredOn(e -> "BinlogAtRisk".equals(e.getReason()))
        .hasSize(1);
  }

  @Test
  void validationPassesWhileReplicatingSetValidatedAndDifferencesRaiseAWarning() {
    create("passes", Mode.Incremental);
    Pod incremental = incrementalPod("passes");

    patchStatus("passes", "{\"validation\":{\"stage\":\"Continuous\",\"passes\":1,"
        + "\"completedAt\":\"2026-11-21T09:00:00Z\",\"passed\":true,\"tablesChecked\":3,"
        + "\"chunksMatched\":12,\"chunksMismatched\":0}}");
    nudge(incremental);
    assertThat(awaitCondition("passes", ConditionType.Validated, "True").getMessage())
        .contains("validation pass 1 (Continuous", "12 chunks of 3 tables match");

    patchStatus("passes", "{\"validation\":{\"stage\":\"Continuous\",\"passes\":2,"
        + "\"completedAt\":\"2026-11-21T09:01:00Z\",\"passed\":false,\"tablesChecked\":3,"
        + "\"chunksMatched\":11,\"chunksMismatched\":1,\"mismatches\":[{\"table\":"
        + "\"shop.orders\",\"lowerKey\":\"1\",\"upperKey\":\"500\",\"keys\":[\"42\"]}]}}");
    nudge(incremental);
    Condition differs = awaitCondition("passes", ConditionType.Validated, "False");
    assertThat(differs.getReason()).isEqualTo("DifferencesFound");
    assertThat(differs.getMessage()).contains("1 chunks differ", "shop.orders keys 42");
    awaitEvent("passes", "DifferencesFound");
  }

  @Test
  void aDeletedTasksMetricsAreRemoved() {
    create("deleted", Mode.Full);
    await().atMost(PATIENCE).until(() -> !meters("deleted").isEmpty());

    cluster.client().resources(MigrationTask.class).inNamespace("deleted").withName("task")
        .delete();

    await().atMost(PATIENCE).until(() -> cluster.task("deleted", "task") == null
        && meters("deleted").isEmpty());
  }

  private static List<Meter> meters(String ns) {
    return registry.getMeters().stream()
        .filter(meter -> meter.getId().getName().startsWith("ferry.task."))
        .filter(meter -> ns.equals(meter.getId().getTag("namespace")))
        .toList();
  }

  private static void create(String ns, Mode mode) {
    for (String secret : List.of("source-credentials", "target-credentials")) {
      cluster.client().secrets().inNamespace(ns).resource(new SecretBuilder()
          .withNewMetadata().withNamespace(ns).withName(secret).endMetadata()
          .withStringData(Map.of("username", "u", "password", "p")).build()).create();
    }
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(mode);
    SourceSpec source = new SourceSpec();
    source.setName("src");
    source.setHost("source-db.example.com");
    source.setCredentialsSecret("source-credentials");
    source.getTls().setMode(TlsMode.Disabled);
    spec.getSources().add(source);
    TargetSpec target = new TargetSpec();
    target.setHost("target-db.example.com");
    target.setCredentialsSecret("target-credentials");
    target.getTls().setMode(TlsMode.Disabled);
    spec.setTarget(target);
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("task").build());
    task.setSpec(spec);
    cluster.client().resource(task).create();
  }

  /** Lets the precheck pod of the task in {@code ns} succeed; returns the incremental pod. */
  private static Pod incrementalPod(String ns) {
    setPodStatus(awaitPod(ns, Phase.Precheck), new PodStatusBuilder().withPhase("Succeeded")
        .withContainerStatuses(new ContainerStatusBuilder()
            .withName(WorkerPodFactory.CONTAINER)
            .withNewState().withNewTerminated().withExitCode(0).endTerminated().endState()
            .build())
        .build());
    return awaitPod(ns, Phase.Incremental);
  }

  private static Pod awaitPod(String ns, Phase phase) {
    await().atMost(PATIENCE).until(() -> pod(ns, phase).isPresent());
    return pod(ns, phase).orElseThrow();
  }

  private static Optional<Pod> pod(String ns, Phase phase) {
    return cluster.pods(ns).stream()
        .filter(pod -> WorkerPods.label(pod, WorkerPods.PHASE).filter(phase.name()::equals)
            .isPresent())
        .findFirst();
  }

  private static void setPodStatus(Pod pod, PodStatus status) {
    cluster.client().pods().inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .editStatus(current -> {
          current.setStatus(status);
          return current;
        });
  }

  /** A pod change, so the operator reconciles now rather than at its next periodic look. */
  private static void nudge(Pod pod) {
    cluster.client().pods().inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .edit(current -> {
          current.getMetadata().getAnnotations().put("test/nudge",
              Long.toString(System.nanoTime()));
          return current;
        });
  }

  /** A worker's write of its part of the status: a merge patch of the status subresource. */
  private static void patchStatus(String ns, String statusJson) {
    cluster.client().resources(MigrationTask.class).inNamespace(ns).withName("task")
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + statusJson + "}");
  }

  private static Condition awaitCondition(String ns, ConditionType type, String value) {
    await().atMost(PATIENCE).until(() -> condition(ns, type)
        .filter(c -> value.equals(c.getStatus())).isPresent());
    return condition(ns, type).orElseThrow();
  }

  private static Optional<Condition> condition(String ns, ConditionType type) {
    MigrationTask task = cluster.task(ns, "task");
    return task == null || task.getStatus() == null ? Optional.empty()
        : Conditions.find(task.getStatus(), type);
  }

  private static void awaitEvent(String ns, String reason) {
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cluster.events(ns))
        .extracting(Event::getType, Event::getReason).contains(tuple("Warning", reason)));
  }
}
