package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The release with the chart's default values: cluster mode, one replica. */
class DefaultValuesTest {

  private final Rendered rendered = Chart.render();

  @Test
  void rendersExactlyTheOperatorItsAccessAndItsMetricsService() {
    assertThat(rendered.objects()).extracting(HasMetadata::getKind, o -> o.getMetadata().getName())
        .containsExactlyInAnyOrder(
            tuple("ServiceAccount", Chart.FULLNAME),
            tuple("ClusterRole", Chart.FULLNAME),
            tuple("ClusterRoleBinding", Chart.FULLNAME),
            tuple("ClusterRole", Chart.FULLNAME + "-worker"),
            tuple("Service", Chart.FULLNAME + "-metrics"),
            tuple("Deployment", Chart.FULLNAME),
            tuple("CustomResourceDefinition", "migrationtasks.ferry.dev"));
  }

  @Test
  void namespacedObjectsLiveInTheReleaseNamespace() {
    assertThat(rendered.objects())
        .filteredOn(o -> !(o instanceof ClusterRole) && !(o instanceof ClusterRoleBinding)
            && !(o instanceof CustomResourceDefinition))
        .extracting(o -> o.getMetadata().getNamespace())
        .containsOnly(Chart.NAMESPACE);
  }

  @Test
  void operatorRunsTheAppVersionImagesWithExplicitSettings() {
    Container operator = container();
    assertThat(operator.getImage())
        .isEqualTo("ghcr.io/ferry-dev/ferry-operator:" + Chart.APP_VERSION);
    assertThat(operator.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(operator.getArgs()).containsExactly(
        "--worker-image=ghcr.io/ferry-dev/ferry-worker:" + Chart.APP_VERSION,
        "--metrics-port=8080",
        "--worker-service-account=ferry-worker",
        "--worker-log-level=info",
        "--worker-log-format=json",
        "--leader-election=false");
  }

  @Test
  void singleReplicaWithoutLeaderElectionIsRecreatedNeverDoubled() {
    Deployment deployment = deployment();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(rendered.kind("PodDisruptionBudget")).isEmpty();
    assertThat(rendered.kind("Role")).isEmpty();
  }

  @Test
  void probesUseTheHealthEndpointsOnTheMetricsPort() {
    Container operator = container();
    assertThat(operator.getPorts()).singleElement()
        .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(8080))
        .satisfies(port -> assertThat(port.getName()).isEqualTo("metrics"));
    assertThat(operator.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(List.of(operator.getStartupProbe(), operator.getLivenessProbe(),
        operator.getReadinessProbe()))
        .allSatisfy(probe -> assertThat(probe.getHttpGet().getPort().getStrVal())
            .isEqualTo("metrics"));
    assertThat(operator.getResources().getRequests()).containsOnlyKeys("cpu", "memory");
    assertThat(operator.getResources().getLimits()).containsOnlyKeys("memory");
  }

  @Test
  void podAndContainerAreLockedDown() {
    PodSpec pod = deployment().getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    SecurityContext container = container().getSecurityContext();
    assertThat(container.getRunAsNonRoot()).isTrue();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getPrivileged()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).isEmpty();
    assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container().getVolumeMounts()).singleElement()
        .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes()).singleElement()
        .satisfies(volume -> assertThat(volume.getEmptyDir()).isNotNull());
  }

  @Test
  void operatorRunsAsItsOwnServiceAccount() {
    ServiceAccount account = rendered.one(ServiceAccount.class, Chart.NAMESPACE, Chart.FULLNAME);
    assertThat(deployment().getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(account.getMetadata().getName());
  }

  @Test
  void metricsServiceSelectsTheOperatorPods() {
    Service service = rendered.one(Service.class, Chart.NAMESPACE, Chart.FULLNAME + "-metrics");
    Map<String, String> podLabels = deployment().getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(deployment().getSpec().getSelector().getMatchLabels())
        .isEqualTo(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getPort()).isEqualTo(8080);
      assertThat(port.getTargetPort().getStrVal()).isEqualTo("metrics");
    });
  }

  private Deployment deployment() {
    return rendered.one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME);
  }

  private Container container() {
    List<Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).extracting(Container::getName).containsExactly("operator");
    return containers.get(0);
  }
}
