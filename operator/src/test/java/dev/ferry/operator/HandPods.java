package dev.ferry.operator;

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
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Tasks and worker pods on the mock API server driven by hand, without a kubelet: the test sets
 * each pod's status as Kubernetes would, and reads what the operator writes back.
 */
final class HandPods {

  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final String TASK = "task";

  private final MockCluster cluster;

  HandPods(MockCluster cluster) {
    this.cluster = cluster;
  }

  /** The credentials Secrets of a task in {@code ns}. */
  void createSecrets(String ns) {
    for (String secret : List.of("source-credentials", "target-credentials")) {
      createSecret(ns, secret);
    }
  }

  void createSecret(String ns, String name) {
    cluster.client().secrets().inNamespace(ns).resource(new SecretBuilder()
        .withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withStringData(Map.of("username", "u", "password", "p")).build()).create();
  }

  /** A task named {@value #TASK} in {@code ns}, changed by {@code change} before creation. */
  void createTask(String ns, Mode mode, Consumer<MigrationTaskSpec> change) {
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
    change.accept(spec);
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(TASK).build());
    task.setSpec(spec);
    cluster.client().resource(task).create();
  }

  MigrationTask task(String ns) {
    return cluster.task(ns, TASK);
  }

  Pod awaitPod(String ns, Phase phase) {
    await().atMost(PATIENCE).until(() -> pod(ns, phase).isPresent());
    return pod(ns, phase).orElseThrow();
  }

  Optional<Pod> pod(String ns, Phase phase) {
    return cluster.pods(ns).stream()
        .filter(pod -> WorkerPods.label(pod, WorkerPods.PHASE).filter(phase.name()::equals)
            .isPresent())
        .findFirst();
  }

  /** The worker container runs (and, optionally, a sidecar beside it). */
  static PodStatus running() {
    return new PodStatusBuilder().withPhase("Running")
        .withContainerStatuses(new ContainerStatusBuilder().withName(WorkerPodFactory.CONTAINER)
            .withNewState().withNewRunning().endRunning().endState().build())
        .build();
  }

  /** The worker container exited with {@code exitCode}; {@code podPhase} as Kubernetes says. */
  static PodStatus workerExited(String podPhase, int exitCode, String message,
      ContainerStatus... others) {
    List<ContainerStatus> statuses = new ArrayList<>(List.of(others));
    statuses.add(0, new ContainerStatusBuilder().withName(WorkerPodFactory.CONTAINER)
        .withNewState().withNewTerminated().withExitCode(exitCode)
          .withReason(exitCode == 0 ? "Completed" : "Error").withMessage(message)
        .endTerminated().endState().build());
    return new PodStatusBuilder().withPhase(podPhase).withContainerStatuses(statuses).build();
  }

  void setStatus(Pod pod, PodStatus status) {
    cluster.client().pods().inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .editStatus(current -> {
          current.setStatus(status);
          return current;
        });
  }

  /** Lets the precheck pod of the task in {@code ns} succeed; returns the next phase's pod. */
  Pod passPrecheck(String ns, Phase next) {
    setStatus(awaitPod(ns, Phase.Precheck), workerExited("Succeeded", 0, null));
    return awaitPod(ns, next);
  }

  /** A worker's write of its part of the status: a merge patch of the status subresource. */
  void patchStatus(String ns, String statusJson) {
    cluster.client().resources(MigrationTask.class).inNamespace(ns).withName(TASK)
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + statusJson + "}");
  }

  /** A pod change, so the operator reconciles now rather than at its next periodic look. */
  void nudge(Pod pod) {
    cluster.client().pods().inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .edit(current -> {
          current.getMetadata().getAnnotations().put("test/nudge",
              Long.toString(System.nanoTime()));
          return current;
        });
  }

  Condition awaitCondition(String ns, ConditionType type, String value) {
    await().atMost(PATIENCE).until(() -> condition(ns, type)
        .filter(c -> value.equals(c.getStatus())).isPresent());
    return condition(ns, type).orElseThrow();
  }

  Optional<Condition> condition(String ns, ConditionType type) {
    MigrationTask task = task(ns);
    return task == null || task.getStatus() == null ? Optional.empty()
        : Conditions.find(task.getStatus(), type);
  }
}
