package dev.ferry.operator.pod;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Names, labels and annotations of worker pods, and how to read them back. */
public final class WorkerPods {

  /** Label every worker pod carries, for the operator's informer. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  /** Value of {@link #MANAGED_BY}. */
  public static final String OPERATOR = "ferry-operator";
  /** Label selector of the worker pods. */
  public static final String SELECTOR = MANAGED_BY + "=" + OPERATOR;
  /** Label: the task. */
  public static final String TASK = "ferry.dev/task";
  /** Label: the phase. */
  public static final String PHASE = "ferry.dev/phase";
  /** Label: the attempt (0 = first). */
  public static final String ATTEMPT = "ferry.dev/attempt";
  /** Label: the shard index. */
  public static final String SHARD = "ferry.dev/shard";
  /** Label of a cleanup pod: the run (the deleted task's uid) whose state it removes. */
  public static final String CLEANUP_RUN = "ferry.dev/cleanup-run";
  /** Annotation: the task's progress when the pod was created (see {@link ProgressMark}). */
  public static final String PROGRESS_AT_START = "ferry.dev/progress-at-start";

  private static final int MAX_NAME = 63;

  private WorkerPods() {}

  /**
   * The name of a worker pod: task, phase, attempt, shard and a unique suffix (a pod deleted for
   * a suspension may still be terminating when its successor starts).
   */
  public static String name(MigrationTask task, Phase phase, int attempt, int shard,
      String suffix) {
    return withTail(task, "-" + phase.name().toLowerCase(Locale.ROOT) + "-a" + attempt + "-s"
        + shard + "-" + suffix);
  }

  /** The name of attempt {@code attempt} of the cleanup pod of a deleted task. */
  public static String cleanupName(MigrationTask task, int attempt, String suffix) {
    return withTail(task, "-cleanup-a" + attempt + "-" + suffix);
  }

  private static String withTail(MigrationTask task, String tail) {
    String head = task.getMetadata().getName();
    if (head.length() + tail.length() > MAX_NAME) {
      head = head.substring(0, MAX_NAME - tail.length());
    }
    return (head.endsWith("-") || head.endsWith(".") ? head.substring(0, head.length() - 1)
        : head) + tail;
  }

  /** The labels of a worker pod. */
  public static Map<String, String> labels(MigrationTask task, Phase phase, int attempt,
      int shard) {
    return Map.of(MANAGED_BY, OPERATOR, "app.kubernetes.io/name", "ferry-worker",
        TASK, task.getMetadata().getName(), PHASE, phase.name(),
        ATTEMPT, Integer.toString(attempt), SHARD, Integer.toString(shard));
  }

  /** The labels of a cleanup pod: no phase, the run it cleans up and its attempt. */
  public static Map<String, String> cleanupLabels(MigrationTask task, int attempt) {
    return Map.of(MANAGED_BY, OPERATOR, "app.kubernetes.io/name", "ferry-cleanup",
        TASK, task.getMetadata().getName(), CLEANUP_RUN, task.getMetadata().getUid(),
        ATTEMPT, Integer.toString(attempt));
  }

  /** Whether {@code pod} is a cleanup pod rather than a worker pod. */
  public static boolean isCleanup(Pod pod) {
    return label(pod, CLEANUP_RUN).isPresent();
  }

  /** The value of label {@code key} of {@code pod}, if set. */
  public static Optional<String> label(Pod pod, String key) {
    return Optional.ofNullable(pod.getMetadata().getLabels()).map(labels -> labels.get(key));
  }

  /**
   * How the worker container ended, once it has: what decides a worker's outcome, since a
   * sidecar (a service mesh proxy, a Vault agent) can keep the pod Running after it.
   */
  public static Optional<ContainerStateTerminated> workerTerminated(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> WorkerPodFactory.CONTAINER.equals(c.getName()))
        .map(ContainerStatus::getState)
        .filter(state -> state != null && state.getTerminated() != null)
        .map(ContainerState::getTerminated)
        .findFirst();
  }
}
