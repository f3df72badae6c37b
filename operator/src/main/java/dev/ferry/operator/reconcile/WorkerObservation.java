package dev.ferry.operator.reconcile;

import dev.ferry.api.retry.TerminationMessage;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.WorkerStatus;
import dev.ferry.operator.pod.WorkerPods;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the worker pods of the current attempt (status.worker) are doing: nothing started,
 * running, all succeeded, or failed (with the failure the operator reads from the termination
 * message). A pod that is gone, or lost with its node, is a Connection-class failure.
 *
 * @param failure the failure when {@code state} is FAILED, otherwise null
 */
public record WorkerObservation(State state, TerminationMessage failure) {

  /** The state of the current attempt. */
  public enum State { NONE, RUNNING, SUCCEEDED, FAILED }

  /** Pod status reasons that mean the node or the kubelet took the pod away. */
  private static final Set<String> LOST = Set.of("NodeLost", "Evicted", "Preempting",
      "Terminated", "Shutdown", "NodeShutdown", "UnexpectedAdmissionError");

  /**
   * Observes the pods named in {@code worker}.
   *
   * @param cached the task's pods the informer knows
   * @param fetch reads a pod from the API server (for one the informer has not seen yet);
   *     returns null when it does not exist
   */
  public static WorkerObservation of(WorkerStatus worker, Collection<Pod> cached,
      Function<String, Pod> fetch) {
    return ofPods(worker == null ? List.of() : worker.getPods(), cached, fetch);
  }

  /** Observes the pods {@code names} as one attempt (a worker attempt, or a cleanup pod). */
  static WorkerObservation ofPods(List<String> names, Collection<Pod> cached,
      Function<String, Pod> fetch) {
    if (names.isEmpty()) {
      return new WorkerObservation(State.NONE, null);
    }
    boolean allSucceeded = true;
    for (String name : names) {
      Pod pod = cached.stream().filter(p -> name.equals(p.getMetadata().getName())).findFirst()
          .orElseGet(() -> fetch.apply(name));
      if (pod == null) {
        return failed(FailureClass.Connection, "worker pod " + name + " disappeared (deleted,"
            + " or its node was lost) before it finished");
      }
      Optional<ContainerStateTerminated> ended = WorkerPods.workerTerminated(pod);
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      boolean failed = ended.isPresent() ? !exitedZero(ended.get()) : "Failed".equals(phase);
      if (failed) {
        return new WorkerObservation(State.FAILED, failureOf(pod));
      }
      allSucceeded &= "Succeeded".equals(phase) || ended.isPresent();
    }
    return new WorkerObservation(allSucceeded ? State.SUCCEEDED : State.RUNNING, null);
  }

  private static boolean exitedZero(ContainerStateTerminated terminated) {
    return terminated.getExitCode() != null && terminated.getExitCode() == 0;
  }

  private static WorkerObservation failed(FailureClass failureClass, String message) {
    return new WorkerObservation(State.FAILED, new TerminationMessage(failureClass, message));
  }

  /** The failure of a Failed pod: its termination message, or what Kubernetes says. */
  static TerminationMessage failureOf(Pod pod) {
    String name = pod.getMetadata().getName();
    Optional<ContainerStateTerminated> terminated = WorkerPods.workerTerminated(pod);
    String message = terminated.map(ContainerStateTerminated::getMessage).orElse(null);
    if (message != null && !message.isBlank()) {
      return TerminationMessage.parse(message);
    }
    String reason = pod.getStatus().getReason();
    if (reason != null && LOST.contains(reason)) {
      return new TerminationMessage(FailureClass.Connection, "worker pod " + name + " was lost ("
          + reason + (pod.getStatus().getMessage() == null ? ""
          : ": " + pod.getStatus().getMessage()) + ")");
    }
    String exit = terminated.map(t -> "exit code " + t.getExitCode()
        + (t.getReason() == null ? "" : ", " + t.getReason())).orElse("no exit status");
    return new TerminationMessage(FailureClass.Other, "worker pod " + name + " failed ("
        + exit + ") without a termination message; see kubectl logs " + name);
  }

}
