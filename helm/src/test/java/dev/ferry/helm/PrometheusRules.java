package dev.ferry.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/** The rules of the chart's PrometheusRule, as Prometheus reads them. */
final class PrometheusRules {

  private PrometheusRules() {
  }

  /** The rendered PrometheusRule of the chart with its default values and the rules on. */
  static GenericKubernetesResource rendered() {
    return (GenericKubernetesResource) Chart.render("prometheusRule: {enabled: true}")
        .kind("PrometheusRule").get(0);
  }

  /** Every rule of every group of {@code rule}. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> of(GenericKubernetesResource rule) {
    List<Map<String, Object>> groups = rule.get("spec", "groups");
    return groups.stream()
        .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
        .toList();
  }

  /** A Prometheus rule file ({@code groups: ...}) holding the groups of {@code rule}. */
  static Map<String, Object> ruleFile(GenericKubernetesResource rule) {
    return Map.of("groups", rule.get("spec", "groups"));
  }
}
