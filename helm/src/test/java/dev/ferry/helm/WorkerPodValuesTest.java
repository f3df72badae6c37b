package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart's worker pod defaults and allow-lists reach the operator as its flags
 * (--worker-pod-defaults as JSON, the allow-lists comma separated; OperatorConfigTest parses
 * them), and the operator pod's UID can be left to the platform.
 */
class WorkerPodValuesTest {

  @Test
  void podDefaultsAndAllowListsBecomeOperatorFlags() throws Exception {
    Container operator = container(Chart.render("""
        worker:
          podDefaults:
            labels: {team: data}
            annotations: {sidecar.istio.io/inject: "false"}
            priorityClassName: batch-low
            tolerations: [{key: dedicated, operator: Exists, effect: NoSchedule}]
            securityContext: {fsGroup: 2000}
          allowedImages: [registry.example.com/ferry/*, ghcr.io/ferry-dev/*]
          allowedServiceAccounts: [migrations-*]
        """));

    String defaults = flag(operator, "--worker-pod-defaults=");
    assertThat(new ObjectMapper().readValue(defaults, Map.class)).isEqualTo(Map.of(
        "labels", Map.of("team", "data"),
        "annotations", Map.of("sidecar.istio.io/inject", "false"),
        "priorityClassName", "batch-low",
        "tolerations", java.util.List.of(Map.of("key", "dedicated", "operator", "Exists",
            "effect", "NoSchedule")),
        "securityContext", Map.of("fsGroup", 2000)));
    assertThat(flag(operator, "--allowed-worker-images="))
        .isEqualTo("registry.example.com/ferry/*,ghcr.io/ferry-dev/*");
    assertThat(flag(operator, "--allowed-worker-service-accounts=")).isEqualTo("migrations-*");
  }

  @Test
  void byDefaultNoDefaultsAndNoAllowList() {
    assertThat(container(Chart.render()).getArgs()).noneMatch(arg ->
        arg.startsWith("--worker-pod-defaults") || arg.startsWith("--allowed-"));
  }

  @Test
  void theOperatorsUidCanBeLeftToThePlatform() {
    Deployment deployment = Chart.render(
        "podSecurityContext: {runAsUser: null, runAsGroup: null}\n")
        .one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME);

    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
        .isNull();
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext()
        .getRunAsNonRoot()).isTrue();
  }

  private static String flag(Container operator, String prefix) {
    return operator.getArgs().stream().filter(arg -> arg.startsWith(prefix))
        .map(arg -> arg.substring(prefix.length())).findFirst().orElseThrow();
  }

  private static Container container(Rendered rendered) {
    return rendered.one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME).getSpec()
        .getTemplate().getSpec().getContainers().get(0);
  }
}
