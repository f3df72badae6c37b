package dev.ferry.operator.reconcile;

import dev.ferry.operator.pod.WorkerPodFactory;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A worker pod that cannot start and will not by waiting: Kubernetes cannot pull or find its
 * image ({@code ErrImagePull}, {@code ImagePullBackOff}, {@code InvalidImageName}) or cannot
 * build its container ({@code CreateContainerConfigError}). The message names the pod, the
 * reason, the image and the fix.
 */
public record WorkerStartProblem(String pod, String reason, String message) {

  /** Waiting reasons that mean the image cannot be had. */
  private static final Set<String> IMAGE_REASONS = Set.of("ErrImagePull", "ImagePullBackOff",
      "InvalidImageName");
  /** Waiting reason that means the container's configuration cannot be applied. */
  private static final String CONFIG_REASON = "CreateContainerConfigError";

  /** The first problem among the pods named {@code names}, or empty when none is stuck. */
  public static Optional<WorkerStartProblem> of(Collection<Pod> pods, List<String> names) {
    return pods.stream()
        .filter(pod -> names.contains(pod.getMetadata().getName()))
        .map(WorkerStartProblem::of)
        .flatMap(Optional::stream)
        .findFirst();
  }

  /** The problem of {@code pod}, or empty when it is not stuck (or not pending). */
  static Optional<WorkerStartProblem> of(Pod pod) {
    if (pod.getStatus() == null || !"Pending".equals(pod.getStatus().getPhase())
        || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    String name = pod.getMetadata().getName();
    for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
      ContainerStateWaiting waiting = container.getState() == null ? null
          : container.getState().getWaiting();
      if (waiting == null || waiting.getReason() == null
          || !WorkerPodFactory.CONTAINER.equals(container.getName())) {
        continue;
      }
      String reason = waiting.getReason();
      String detail = waiting.getMessage() == null || waiting.getMessage().isBlank() ? ""
          : ": " + waiting.getMessage();
      if (IMAGE_REASONS.contains(reason)) {
        String image = container.getImage() != null ? container.getImage() : image(pod);
        return Optional.of(new WorkerStartProblem(name, reason, "worker pod " + name
            + " cannot start: " + reason + " for image " + image + detail + ". Fix: check"
            + " spec.worker.image (or the operator's --worker-image when it is not set): the"
            + " image name and tag must exist and the registry must be reachable with the pod's"
            + " imagePullSecrets"));
      }
      if (CONFIG_REASON.equals(reason)) {
        return Optional.of(new WorkerStartProblem(name, reason, "worker pod " + name
            + " cannot start: " + reason + detail + ". Fix: make sure every Secret and key the"
            + " task names exists in namespace " + pod.getMetadata().getNamespace()
            + " and that spec.worker and the operator's --worker-image describe a runnable"
            + " container"));
      }
    }
    return Optional.empty();
  }

  private static String image(Pod pod) {
    return pod.getSpec() == null ? "(unknown)" : pod.getSpec().getContainers().stream()
        .filter(c -> WorkerPodFactory.CONTAINER.equals(c.getName()))
        .map(c -> c.getImage()).findFirst().orElse("(unknown)");
  }
}
