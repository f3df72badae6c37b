package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several replicas: leader election on, its Lease access, rolling updates and a PDB. */
class LeaderElectionTest {

  private static final String LEASE_ROLE = Chart.FULLNAME + "-leader-election";

  @Test
  void twoReplicasElectALeaderInTheReleaseNamespace() {
    Rendered rendered = Chart.render("replicaCount: 2\n");
    Deployment deployment = rendered.one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(args(deployment)).contains("--leader-election=true",
        "--lease-namespace=" + Chart.NAMESPACE);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable()
        .getIntVal()).isZero();
    assertLeaseAccessIn(rendered, Chart.NAMESPACE);
  }

  @Test
  void twoReplicasGetADisruptionBudgetKeepingOneUp() {
    Rendered rendered = Chart.render("replicaCount: 2\n");
    PodDisruptionBudget budget =
        rendered.one(PodDisruptionBudget.class, Chart.NAMESPACE, Chart.FULLNAME);
    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(rendered.one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME).getSpec()
        .getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void disruptionBudgetCanBeTurnedOff() {
    assertThat(Chart.render("replicaCount: 2\npodDisruptionBudget: {enabled: false}\n")
        .all(PodDisruptionBudget.class)).isEmpty();
  }

  @Test
  void budgetThatWouldBlockEveryDrainIsRefused() {
    assertThatThrownBy(() -> Chart.render(
        "replicaCount: 2\npodDisruptionBudget: {minAvailable: 2}\n"))
        .hasMessageContaining(
            "podDisruptionBudget.minAvailable (2) must be below replicaCount (2)");
  }

  @Test
  void singleReplicaCanElectALeaderInAnotherNamespace() {
    Rendered rendered = Chart.render(
        "leaderElection: {enabled: true, leaseNamespace: ferry-leases}\n");
    Deployment deployment = rendered.one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME);
    assertThat(args(deployment)).contains("--leader-election=true",
        "--lease-namespace=ferry-leases");
    assertThat(rendered.all(PodDisruptionBudget.class)).isEmpty();
    assertLeaseAccessIn(rendered, "ferry-leases");
  }

  private static void assertLeaseAccessIn(Rendered rendered, String namespace) {
    Role role = rendered.one(Role.class, namespace, LEASE_ROLE);
    assertThat(Rule.of(role.getRules()))
        .containsExactlyInAnyOrderElementsOf(Rule.LEADER_ELECTION);
    RoleBinding binding = rendered.one(RoleBinding.class, namespace, LEASE_ROLE);
    assertThat(binding.getRoleRef().getName()).isEqualTo(LEASE_ROLE);
    assertThat(binding.getSubjects()).containsExactly(
        new Subject(null, "ServiceAccount", Chart.FULLNAME, Chart.NAMESPACE));
  }

  private static List<String> args(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
  }
}
