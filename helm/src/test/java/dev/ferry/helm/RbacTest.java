package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Least privilege in cluster mode and namespaced mode, rule by rule. */
class RbacTest {

  private static final String WORKER_ROLE = Chart.FULLNAME + "-worker";

  @Test
  void clusterModeGrantsTheOperatorExactlyItsRulesClusterWide() {
    Rendered rendered = Chart.render();
    ClusterRole role = rendered.one(ClusterRole.class, null, Chart.FULLNAME);
    assertThat(Rule.of(role.getRules())).containsExactlyInAnyOrderElementsOf(Rule.OPERATOR);
    ClusterRoleBinding binding = rendered.one(ClusterRoleBinding.class, null, Chart.FULLNAME);
    assertThat(binding.getRoleRef()).isEqualTo(ref("ClusterRole", Chart.FULLNAME));
    assertThat(binding.getSubjects()).containsExactly(operatorAccount());
  }

  @Test
  void clusterModeDefinesTheWorkerRoleAndBindsItInEachWorkerNamespace() {
    Rendered rendered = Chart.render("workerNamespaces: [team-a, team-b]\n");
    ClusterRole worker = rendered.one(ClusterRole.class, null, WORKER_ROLE);
    assertThat(Rule.of(worker.getRules())).containsExactlyInAnyOrderElementsOf(Rule.WORKER);
    for (String namespace : List.of("team-a", "team-b")) {
      rendered.one(ServiceAccount.class, namespace, "ferry-worker");
      RoleBinding binding = rendered.one(RoleBinding.class, namespace, WORKER_ROLE);
      assertThat(binding.getRoleRef()).isEqualTo(ref("ClusterRole", WORKER_ROLE));
      assertThat(binding.getSubjects()).containsExactly(workerAccount(namespace));
    }
    assertThat(rendered.all(RoleBinding.class)).hasSize(2);
    assertThat(rendered.all(Role.class)).isEmpty();
  }

  @Test
  void clusterModeWithoutWorkerNamespacesCreatesNoWorkerAccount() {
    Rendered rendered = Chart.render();
    assertThat(rendered.all(ServiceAccount.class)).extracting(a -> a.getMetadata().getName())
        .containsExactly(Chart.FULLNAME);
    assertThat(rendered.all(RoleBinding.class)).isEmpty();
  }

  @Test
  void namespacedModeGrantsOperatorAndWorkerOnlyInTheWatchedNamespaces() {
    Rendered rendered = Chart.render("watchNamespaces: [shop, billing]\n");
    assertThat(rendered.all(ClusterRole.class)).isEmpty();
    assertThat(rendered.all(ClusterRoleBinding.class)).isEmpty();
    for (String namespace : List.of("shop", "billing")) {
      Role operator = rendered.one(Role.class, namespace, Chart.FULLNAME);
      assertThat(Rule.of(operator.getRules())).containsExactlyInAnyOrderElementsOf(Rule.OPERATOR);
      RoleBinding operatorBinding = rendered.one(RoleBinding.class, namespace, Chart.FULLNAME);
      assertThat(operatorBinding.getRoleRef()).isEqualTo(ref("Role", Chart.FULLNAME));
      assertThat(operatorBinding.getSubjects()).containsExactly(operatorAccount());

      rendered.one(ServiceAccount.class, namespace, "ferry-worker");
      Role worker = rendered.one(Role.class, namespace, WORKER_ROLE);
      assertThat(Rule.of(worker.getRules())).containsExactlyInAnyOrderElementsOf(Rule.WORKER);
      RoleBinding workerBinding = rendered.one(RoleBinding.class, namespace, WORKER_ROLE);
      assertThat(workerBinding.getRoleRef()).isEqualTo(ref("Role", WORKER_ROLE));
      assertThat(workerBinding.getSubjects()).containsExactly(workerAccount(namespace));
    }
    assertThat(rendered.all(Role.class)).hasSize(4);
    assertThat(rendered.all(RoleBinding.class)).hasSize(4);
    assertThat(rendered.one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME).getSpec()
        .getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains("--namespaces=shop,billing");
  }

  @Test
  void namespacedModeRefusesWorkerNamespacesWithTheFix() {
    assertThatThrownBy(() -> Chart.render("watchNamespaces: [shop]\nworkerNamespaces: [other]\n"))
        .hasMessageContaining("workerNamespaces is for cluster mode only")
        .hasMessageContaining("Fix:");
  }

  @Test
  void workerAccountNameFollowsTheValueInOperatorArgsAndBindings() {
    Rendered rendered = Chart.render(
        "watchNamespaces: [shop]\nworker: {serviceAccount: {name: migrator}}\n");
    rendered.one(ServiceAccount.class, "shop", "migrator");
    assertThat(rendered.one(RoleBinding.class, "shop", WORKER_ROLE).getSubjects())
        .containsExactly(workerAccount("shop", "migrator"));
    assertThat(rendered.one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME).getSpec()
        .getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains("--worker-service-account=migrator");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "watchNamespaces: [shop, billing]\n",
      "workerNamespaces: [team-a]\nreplicaCount: 3\n", "leaderElection: {enabled: true}\n"})
  void noWildcardAnywhere(String values) {
    Rendered rendered = Chart.render(values);
    Stream<PolicyRule> rules = Stream.concat(
        rendered.all(Role.class).stream().flatMap(role -> role.getRules().stream()),
        rendered.all(ClusterRole.class).stream().flatMap(role -> role.getRules().stream()));
    assertThat(rules).isNotEmpty().allSatisfy(rule -> {
      assertThat(rule.getVerbs()).isNotEmpty().doesNotContain("*");
      assertThat(rule.getResources()).isNotEmpty().doesNotContain("*");
      assertThat(rule.getApiGroups()).doesNotContain("*");
      assertThat(rule.getNonResourceURLs()).isEmpty();
    });
    assertThat(rendered.yaml()).doesNotContain("\"*\"").doesNotContain("'*'")
        .doesNotContainPattern("(?m)^\\s*- \\*\\s*$");
  }

  private static RoleRef ref(String kind, String name) {
    return new RoleRef("rbac.authorization.k8s.io", kind, name);
  }

  private static Subject operatorAccount() {
    return new Subject(null, "ServiceAccount", Chart.FULLNAME, Chart.NAMESPACE);
  }

  private static Subject workerAccount(String namespace) {
    return workerAccount(namespace, "ferry-worker");
  }

  private static Subject workerAccount(String namespace, String name) {
    return new Subject(null, "ServiceAccount", name, namespace);
  }
}
