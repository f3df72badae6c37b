package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PodMonitor, Grafana dashboard and PrometheusRule: off by default, on request. */
class MonitoringObjectsTest {

  private final Rendered rendered = Chart.render("""
      podMonitor:
        enabled: true
        labels: {release: kube-prometheus-stack}
      grafanaDashboard:
        enabled: true
        annotations: {grafana_folder: Ferry}
      prometheusRule:
        enabled: true
        labels: {release: kube-prometheus-stack}
        lagSeconds: 120
        lagFor: 5m
        retryStormRetries: 3
        retryStormWindow: 30m
      """);

  @Test
  void podMonitorScrapesWorkerPodsInEveryNamespaceKeepingTheirLabels() {
    GenericKubernetesResource monitor = only("PodMonitor");
    assertThat(monitor.getMetadata().getName()).isEqualTo(Chart.FULLNAME + "-workers");
    assertThat(monitor.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
    assertThat(monitor.getMetadata().getLabels())
        .containsEntry("release", "kube-prometheus-stack");
    assertThat((Map<String, Object>) monitor.get("spec", "selector", "matchLabels"))
        .as("the labels the operator puts on every worker pod")
        .containsExactlyInAnyOrderEntriesOf(Map.of("app.kubernetes.io/name", "ferry-worker",
            "app.kubernetes.io/managed-by", "ferry-operator"));
    assertThat((Map<String, Object>) monitor.get("spec", "namespaceSelector"))
        .isEqualTo(Map.of("any", true));
    assertThat((List<?>) monitor.get("spec", "podMetricsEndpoints")).singleElement()
        .isEqualTo(Map.of("port", "metrics", "path", "/metrics", "honorLabels", true,
            "interval", "15s", "scrapeTimeout", "10s"));
  }

  @Test
  void podMonitorWatchesOnlyTheWatchedNamespacesInNamespacedMode() {
    GenericKubernetesResource monitor = (GenericKubernetesResource) Chart.render("""
        watchNamespaces: [shop, billing]
        podMonitor: {enabled: true}
        """).kind("PodMonitor").get(0);
    assertThat((Map<String, Object>) monitor.get("spec", "namespaceSelector"))
        .isEqualTo(Map.of("matchNames", List.of("shop", "billing")));
  }

  @Test
  void dashboardConfigMapCarriesTheSidecarLabelAndTheDashboardFile() throws Exception {
    ConfigMap dashboard = rendered.one(ConfigMap.class, Chart.NAMESPACE,
        Chart.FULLNAME + "-dashboard");
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboard.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Ferry");
    String json = dashboard.getData().get("ferry-migrations.json");
    ObjectMapper mapper = new ObjectMapper();
    assertThat(mapper.readTree(json)).isEqualTo(mapper.readTree(Files.readString(
        Chart.DIR.resolve("files/dashboards/ferry-migrations.json"))));
    JsonNode panels = mapper.readTree(json).get("panels");
    assertThat(panels.findValuesAsText("title")).contains("Phase", "Full-load progress",
        "Full-load ETA", "Rows copied per second", "Events per second", "Lag", "Retries",
        "Validation");
  }

  @Test
  void dashboardLabelAndNamespaceAreValues() {
    ConfigMap dashboard = Chart.render("""
        grafanaDashboard:
          enabled: true
          label: dashboards
          labelValue: ferry
          namespace: monitoring
        """).one(ConfigMap.class, "monitoring", Chart.FULLNAME + "-dashboard");
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("dashboards", "ferry")
        .doesNotContainKey("grafana_dashboard");
  }

  @Test
  void prometheusRuleAlertsWithTheThresholdsOfItsValues() {
    GenericKubernetesResource rule = only("PrometheusRule");
    assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    List<Map<String, Object>> rules = PrometheusRules.of(rule);
    assertThat(rules).extracting(r -> r.get("alert")).containsExactly("FerryTaskFailed",
        "FerryTaskStalled", "FerryBinlogAtRisk", "FerryReplicationLag", "FerryRetryStorm",
        "FerryValidationDifferences", "FerryWorkerRestarts");
    Map<String, Object> lag = rules.get(3);
    assertThat(lag.get("expr"))
        .isEqualTo("max by (namespace, task, source) (ferry_cdc_lag_seconds) > 120");
    assertThat(lag.get("for")).isEqualTo("5m");
    assertThat((String) rules.get(4).get("expr")).contains("[30m]", "> 3");
    assertThat(rules).allSatisfy(r -> assertThat((Map<String, Object>) r.get("annotations"))
        .containsKeys("summary", "description"));
  }

  @Test
  void allAreOffByDefault() {
    Rendered defaults = Chart.render();
    assertThat(defaults.kind("PodMonitor")).isEmpty();
    assertThat(defaults.kind("PrometheusRule")).isEmpty();
    assertThat(defaults.all(ConfigMap.class)).isEmpty();
  }

  private GenericKubernetesResource only(String kind) {
    assertThat(rendered.kind(kind)).hasSize(1);
    return (GenericKubernetesResource) rendered.kind(kind).get(0);
  }
}
