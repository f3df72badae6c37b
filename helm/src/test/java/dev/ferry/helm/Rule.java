package dev.ferry.helm;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import java.util.Set;

/** An RBAC rule as sets, so that two rules compare regardless of the order of their lists. */
record Rule(Set<String> apiGroups, Set<String> resources, Set<String> verbs,
    Set<String> resourceNames) {

  static Rule of(String apiGroup, String resource, String... verbs) {
    return new Rule(Set.of(apiGroup), Set.of(resource), Set.of(verbs), Set.of());
  }

  static Rule named(String apiGroup, String resource, String name, String... verbs) {
    return new Rule(Set.of(apiGroup), Set.of(resource), Set.of(verbs), Set.of(name));
  }

  static List<Rule> of(List<PolicyRule> rules) {
    return rules.stream().map(rule -> new Rule(Set.copyOf(rule.getApiGroups()),
        Set.copyOf(rule.getResources()), Set.copyOf(rule.getVerbs()),
        Set.copyOf(rule.getResourceNames()))).toList();
  }

  /** What the operator needs (see the chart's ferry.operatorRules). */
  static final List<Rule> OPERATOR = List.of(
      of("ferry.dev", "migrationtasks", "get", "list", "watch", "patch"),
      of("ferry.dev", "migrationtasks/status", "patch"),
      of("ferry.dev", "migrationtasks/finalizers", "update"),
      of("", "pods", "create", "delete", "get", "list", "watch"),
      of("", "secrets", "get", "list", "watch"),
      of("", "events", "create"));

  /** What a worker needs: read its task, patch its status. */
  static final List<Rule> WORKER = List.of(
      of("ferry.dev", "migrationtasks", "get"),
      of("ferry.dev", "migrationtasks/status", "patch"));

  /** Leader election: create the Lease, then read and renew only that one. */
  static final List<Rule> LEADER_ELECTION = List.of(
      of("coordination.k8s.io", "leases", "create"),
      named("coordination.k8s.io", "leases", "ferry-operator-leader", "get", "update"));
}
