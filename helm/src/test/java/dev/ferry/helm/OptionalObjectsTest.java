package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ServiceMonitor and NetworkPolicy, off by default, on request. */
class OptionalObjectsTest {

  private final Rendered rendered = Chart.render("""
      serviceMonitor:
        enabled: true
        interval: 15s
        labels: {release: kube-prometheus-stack}
      networkPolicy:
        enabled: true
        metricsFrom:
          - namespaceSelector:
              matchLabels: {kubernetes.io/metadata.name: monitoring}
        apiServer:
          cidrs: [10.0.0.1/32]
          ports: [6443]
      """);

  @Test
  void serviceMonitorScrapesTheMetricsServicePort() {
    HasMetadata monitor = rendered.kind("ServiceMonitor").get(0);
    assertThat(rendered.kind("ServiceMonitor")).hasSize(1);
    assertThat(monitor.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
    assertThat(monitor.getMetadata().getLabels())
        .containsEntry("release", "kube-prometheus-stack");
    Map<String, Object> spec = ((GenericKubernetesResource) monitor).get("spec");
    Service service = rendered.one(Service.class, Chart.NAMESPACE, Chart.FULLNAME + "-metrics");
    assertThat(service.getMetadata().getLabels())
        .containsAllEntriesOf(((GenericKubernetesResource) monitor).get("spec", "selector",
            "matchLabels"));
    assertThat((List<?>) spec.get("endpoints")).singleElement()
        .isEqualTo(Map.of("port", "metrics", "path", "/metrics", "interval", "15s",
            "scrapeTimeout", "10s", "honorLabels", true));
  }

  @Test
  void networkPolicyAdmitsOnlyMetricsAndReachesOnlyDnsAndTheApiServer() {
    NetworkPolicy policy = rendered.one(NetworkPolicy.class, Chart.NAMESPACE, Chart.FULLNAME);
    assertThat(rendered.one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME).getSpec()
        .getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(policy.getSpec().getIngress()).singleElement().satisfies(ingress -> {
      assertThat(ingress.getPorts()).extracting(p -> p.getPort().getStrVal())
          .containsExactly("metrics");
      assertThat(ingress.getFrom()).singleElement().satisfies(peer ->
          assertThat(peer.getNamespaceSelector().getMatchLabels())
              .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring")));
    });
    List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
    assertThat(egress).hasSize(2);
    assertThat(egress.get(0).getPorts()).extracting(p -> p.getPort().getIntVal(),
        NetworkPolicyPort::getProtocol).containsExactly(
            tuple(53, "UDP"),
            tuple(53, "TCP"));
    assertThat(egress.get(1).getPorts()).extracting(p -> p.getPort().getIntVal())
        .containsExactly(6443);
    assertThat(egress.get(1).getTo()).singleElement()
        .satisfies(peer -> assertThat(peer.getIpBlock().getCidr()).isEqualTo("10.0.0.1/32"));
  }

  @Test
  void bothAreOffByDefault() {
    Rendered defaults = Chart.render();
    assertThat(defaults.kind("ServiceMonitor")).isEmpty();
    assertThat(defaults.kind("NetworkPolicy")).isEmpty();
  }
}
