package dev.ferry.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.retry.TerminationMessage;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.WorkerStatus;
import dev.ferry.operator.reconcile.WorkerObservation.State;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerObservationTest {

  @Test
  void noWorkerIsNone() {
    assertThat(WorkerObservation.of(null, List.of(), name -> null).state()).isEqualTo(State.NONE);
  }

  @Test
  void theAttemptSucceedsWhenEveryShardSucceeded() {
    WorkerStatus worker = worker("a", "b");

    assertThat(observe(worker, pod("a", "Succeeded", null, null), pod("b", "Running", null,
        null)).state()).isEqualTo(State.RUNNING);
    assertThat(observe(worker, pod("a", "Succeeded", null, null), pod("b", "Succeeded", null,
        null)).state()).isEqualTo(State.SUCCEEDED);
  }

  @Test
  void theTerminationMessageCarriesTheFailureClass() {
    String message = new TerminationMessage(FailureClass.Connection, "lost the source").toJson();

    WorkerObservation observed = observe(worker("a"), pod("a", "Failed", message, null));

    assertThat(observed.state()).isEqualTo(State.FAILED);
    assertThat(observed.failure()).isEqualTo(new TerminationMessage(FailureClass.Connection,
        "lost the source"));
  }

  @Test
  void aPodGoneOrLostWithItsNodeIsAConnectionFailure() {
    WorkerObservation gone = observe(worker("a"));
    WorkerObservation evicted = observe(worker("a"), pod("a", "Failed", null, "Evicted"));

    assertThat(gone.failure().failureClass()).isEqualTo(FailureClass.Connection);
    assertThat(gone.failure().message()).contains("a", "disappeared");
    assertThat(evicted.failure().failureClass()).isEqualTo(FailureClass.Connection);
    assertThat(evicted.failure().message()).contains("Evicted");
  }

  @Test
  void aFailureWithoutMessageIsOtherAndPointsToTheLogs() {
    WorkerObservation observed = observe(worker("a"), pod("a", "Failed", null, null));

    assertThat(observed.failure().failureClass()).isEqualTo(FailureClass.Other);
    assertThat(observed.failure().message()).contains("exit code 137", "kubectl logs a");
  }

  private static WorkerObservation observe(WorkerStatus worker, Pod... pods) {
    return WorkerObservation.of(worker, List.of(pods), name -> null);
  }

  private static WorkerStatus worker(String... pods) {
    WorkerStatus worker = new WorkerStatus();
    worker.setPhase(Phase.FullLoad);
    worker.setPods(List.of(pods));
    return worker;
  }

  /** A pod as Kubernetes reports it: the worker container running, or ended as the phase says. */
  private static Pod pod(String name, String phase, String message, String reason) {
    ContainerState state = "Running".equals(phase)
        ? new ContainerStateBuilder().withNewRunning().endRunning().build()
        : new ContainerStateBuilder().withNewTerminated()
            .withExitCode("Succeeded".equals(phase) ? 0 : message == null ? 137 : 1)
            .withMessage(message).endTerminated().build();
    return new PodBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewStatus()
          .withPhase(phase)
          .withReason(reason)
          .addNewContainerStatus().withName("worker").withState(state).endContainerStatus()
        .endStatus()
        .build();
  }

  @Test
  void aWorkerThatEndedDecidesEvenWhileASidecarKeepsThePodRunning() {
    Pod succeeded = withSidecar(pod("a", "Running", null, null), 0, null);
    Pod failed = withSidecar(pod("a", "Running", null, null), 1,
        new TerminationMessage(FailureClass.Fatal, "TLS is required").toJson());

    assertThat(observe(worker("a"), succeeded).state()).isEqualTo(State.SUCCEEDED);
    WorkerObservation observed = observe(worker("a"), failed);
    assertThat(observed.state()).isEqualTo(State.FAILED);
    assertThat(observed.failure()).isEqualTo(new TerminationMessage(FailureClass.Fatal,
        "TLS is required"));
    assertThat(WorkerLauncher.alive(succeeded)).as("a sidecar alone is not a live worker")
        .isFalse();
  }

  /** The worker container ended; an istio-proxy sidecar still runs, so the pod is Running. */
  private static Pod withSidecar(Pod pod, int exitCode, String message) {
    pod.getStatus().setContainerStatuses(List.of(
        new ContainerStatusBuilder().withName("worker").withNewState().withNewTerminated()
            .withExitCode(exitCode).withMessage(message).endTerminated().endState().build(),
        new ContainerStatusBuilder().withName("istio-proxy").withNewState().withNewRunning()
            .endRunning().endState().build()));
    return pod;
  }

}
