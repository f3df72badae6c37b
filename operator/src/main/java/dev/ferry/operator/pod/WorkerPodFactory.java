package dev.ferry.operator.pod;

import dev.ferry.api.secrets.SecretEnvNames.SecretKey;
import dev.ferry.api.secrets.SecretEnvNames;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.WorkerSpec;
import dev.ferry.operator.OperatorConfig;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the worker pods of a phase, and the cleanup pod of a deleted task: restartPolicy Never,
 * owned by the task, credentials only as env from {@code secretKeyRef}, the operator's
 * {@link WorkerLogging} as env, locked down (non-root, read-only root filesystem, no
 * capabilities, seccomp RuntimeDefault, no privilege escalation), image, {@link WorkerResources},
 * service account, node selector and tolerations from spec.worker or the operator's defaults.
 */
public final class WorkerPodFactory {

  /** Name of the worker container. */
  public static final String CONTAINER = "worker";
  /** Where the container writes its termination message. */
  public static final String TERMINATION_LOG = "/dev/termination-log";
  /** The port {@code ferry worker} serves its Prometheus metrics on (its default). */
  public static final int METRICS_PORT = 9400;
  /** Name of the metrics port, which the chart's PodMonitor scrapes. */
  public static final String METRICS_PORT_NAME = "metrics";
  /** Seconds a stopped worker has to save its checkpoint. */
  public static final long GRACE_SECONDS = 60;
  /** Seconds a cleanup pod may run before Kubernetes stops it (an unreachable target). */
  public static final long CLEANUP_DEADLINE_SECONDS = 600;

  private static final ResourceRequirements CLEANUP_RESOURCES = new ResourceRequirementsBuilder()
      .addToRequests("cpu", new Quantity("100m"))
      .addToRequests("memory", new Quantity("256Mi"))
      .addToLimits("memory", new Quantity("256Mi"))
      .build();

  private final OperatorConfig config;

  public WorkerPodFactory(OperatorConfig config) {
    this.config = config;
  }

  /**
   * The pod of shard {@code shard} of {@code shards} running {@code phase}.
   *
   * @param suffix makes the name unique among the pods of this attempt's predecessors
   * @param progressMark the task's {@link ProgressMark} now
   */
  public Pod build(MigrationTask task, Phase phase, int attempt, int shard, int shards,
      String suffix, String progressMark) {
    WorkerSpec worker = task.getSpec().getWorker();
    List<String> args = List.of("worker",
        "--namespace", task.getMetadata().getNamespace(),
        "--task", task.getMetadata().getName(),
        "--phase", phase.name(),
        "--shard", Integer.toString(shard),
        "--shards", Integer.toString(shards));
    Pod pod = pod(task, WorkerPods.name(task, phase, attempt, shard, suffix),
        WorkerPods.labels(task, phase, attempt, shard),
        container(task, args, SecretEnvNames.keysOf(task.getSpec()),
            WorkerResources.of(worker),
            List.of(new ContainerPortBuilder().withName(METRICS_PORT_NAME)
                .withContainerPort(METRICS_PORT).withProtocol("TCP").build())));
    pod.getMetadata().getAnnotations().put(WorkerPods.PROGRESS_AT_START, progressMark);
    return pod;
  }

  /**
   * The pod that removes the state of the deleted {@code task}'s run (its uid) from the target:
   * {@code ferry cleanup-worker}, with only the target's Secret keys, small resources and a
   * deadline of {@value #CLEANUP_DEADLINE_SECONDS} seconds.
   */
  public Pod buildCleanup(MigrationTask task, int attempt, String suffix) {
    List<String> args = List.of("cleanup-worker",
        "--namespace", task.getMetadata().getNamespace(),
        "--task", task.getMetadata().getName(),
        "--run", task.getMetadata().getUid());
    Pod pod = pod(task, WorkerPods.cleanupName(task, attempt, suffix),
        WorkerPods.cleanupLabels(task, attempt),
        container(task, args, SecretEnvNames.targetKeysOf(task.getSpec()), CLEANUP_RESOURCES,
            List.of()));
    pod.getSpec().setActiveDeadlineSeconds(CLEANUP_DEADLINE_SECONDS);
    return pod;
  }

  private Pod pod(MigrationTask task, String name, Map<String, String> labels,
      Container container) {
    WorkerSpec worker = task.getSpec().getWorker();
    WorkerPodLayout layout = new WorkerPodLayout(config.workerPodDefaults(),
        worker.getPodTemplate());
    return new PodBuilder()
        .withNewMetadata()
          .withName(name)
          .withNamespace(task.getMetadata().getNamespace())
          .withLabels(layout.labels(labels))
          .withAnnotations(layout.annotations())
          .withOwnerReferences(new OwnerReferenceBuilder()
              .withApiVersion(task.getApiVersion())
              .withKind(task.getKind())
              .withName(task.getMetadata().getName())
              .withUid(task.getMetadata().getUid())
              .withController(true)
              .withBlockOwnerDeletion(true)
              .build())
        .endMetadata()
        .withNewSpec()
          .withRestartPolicy("Never")
          .withServiceAccountName(worker.getServiceAccountName() != null
              ? worker.getServiceAccountName() : config.workerServiceAccount())
          .withNodeSelector(layout.nodeSelector(worker.getNodeSelector()))
          .withTolerations(layout.tolerations(worker.getTolerations()))
          .withAffinity(layout.affinity())
          .withPriorityClassName(layout.priorityClassName())
          .withTerminationGracePeriodSeconds(GRACE_SECONDS)
          .withSecurityContext(layout.securityContext())
          .withContainers(container)
          .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
        .endSpec()
        .build();
  }

  private Container container(MigrationTask task, List<String> args, List<SecretKey> keys,
      ResourceRequirements resources, List<ContainerPort> ports) {
    WorkerSpec worker = task.getSpec().getWorker();
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(worker.getImage() != null ? worker.getImage() : config.workerImage())
        .withImagePullPolicy(worker.getImagePullPolicy())
        .withArgs(args)
        .withEnv(env(keys))
        .withPorts(ports)
        .withResources(resources)
        .withTerminationMessagePath(TERMINATION_LOG)
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withSecurityContext(new SecurityContextBuilder()
            .withRunAsNonRoot(true)
            .withReadOnlyRootFilesystem(true)
            .withAllowPrivilegeEscalation(false)
            .withPrivileged(false)
            .withCapabilities(new Capabilities(null, List.of("ALL")))
            .withSeccompProfile(new SeccompProfile(null, "RuntimeDefault"))
            .build())
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .build();
  }

  /** The logging settings, then the Secret keys' variables. */
  private List<EnvVar> env(List<SecretKey> keys) {
    List<EnvVar> env = new ArrayList<>(config.workerLogging().env());
    env.addAll(secretEnv(keys));
    return env;
  }

  /**
   * One variable per Secret key of {@code keys}, named by {@link SecretEnvNames}, each from its
   * {@code secretKeyRef} so the value never appears in the pod spec.
   */
  private static List<EnvVar> secretEnv(List<SecretKey> keys) {
    Map<String, EnvVar> env = new LinkedHashMap<>();
    for (SecretKey key : keys) {
      String name = SecretEnvNames.variable(key.secret(), key.key());
      env.putIfAbsent(name, new EnvVarBuilder().withName(name).withNewValueFrom()
          .withNewSecretKeyRef(key.key(), key.secret(), false).endValueFrom().build());
    }
    return List.copyOf(env.values());
  }
}
