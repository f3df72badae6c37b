package dev.ferry.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.operator.pod.WorkerPodFactory;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerStartProblemTest {

  @ParameterizedTest
  @ValueSource(strings = {"ErrImagePull", "ImagePullBackOff", "InvalidImageName"})
  void anImageThatCannotBeHadNamesTheImageAndTheSettingsToCheck(String reason) {
    Pod pod = pod("Pending", WorkerPodFactory.CONTAINER, reason);

    assertThat(WorkerStartProblem.of(List.of(pod), List.of("w-0"))).get().satisfies(p -> {
      assertThat(p.pod()).isEqualTo("w-0");
      assertThat(p.reason()).isEqualTo(reason);
      assertThat(p.message()).contains("w-0", reason, "registry.example.com/ferry:9.9",
          "spec.worker.image", "--worker-image");
    });
  }

  @Test
  void podsThatStartOrWaitForOtherReasonsAreFine() {
    List<Pod> pods = List.of(pod("Pending", WorkerPodFactory.CONTAINER, "ContainerCreating"),
        pod("Running", WorkerPodFactory.CONTAINER, "ErrImagePull"),
        pod("Pending", "sidecar", "ErrImagePull"));

    assertThat(WorkerStartProblem.of(pods, List.of("w-0"))).isEmpty();
  }

  @Test
  void onlyThePodsOfTheCurrentAttemptCount() {
    Pod old = pod("Pending", WorkerPodFactory.CONTAINER, "ErrImagePull");

    assertThat(WorkerStartProblem.of(List.of(old), List.of("w-1"))).isEmpty();
  }

  private static Pod pod(String phase, String container, String waitingReason) {
    return new PodBuilder()
        .withNewMetadata().withName("w-0").withNamespace("ns").endMetadata()
        .withNewSpec().addNewContainer().withName(WorkerPodFactory.CONTAINER)
          .withImage("registry.example.com/ferry:9.9").endContainer().endSpec()
        .withNewStatus().withPhase(phase)
          .withContainerStatuses(new ContainerStatusBuilder().withName(container)
              .withState(new ContainerStateBuilder().withNewWaiting().withReason(waitingReason)
                  .endWaiting().build())
              .build())
        .endStatus()
        .build();
  }
}
