package dev.ferry.operator.k3s;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The service accounts and RBAC of the Helm chart in namespaced mode, rendered by helm and
 * installed as they are, so that the operator (impersonating its account) and the worker pods
 * run with exactly the rights the chart grants. The Deployment is left out: the operator runs in
 * the test's JVM.
 */
final class ChartAccess {

  static final String RELEASE = "ferry";
  /** The operator's service account in the release namespace (the chart's full name). */
  static final String OPERATOR_ACCOUNT = "ferry-ferry-operator";
  static final String WORKER_ACCOUNT = "ferry-worker";
  private static final Set<String> KINDS =
      Set.of("ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");

  private ChartAccess() {
  }

  /** Installs the accounts and rights of a release in {@code releaseNamespace} watching one. */
  static void install(KubernetesClient admin, Path chart, String releaseNamespace,
      String watchedNamespace, String kubeVersion) throws IOException {
    Path values = Files.createTempFile("ferry-values-", ".yaml");
    try {
      Files.writeString(values, "watchNamespaces: [" + watchedNamespace + "]\n");
      String rendered = new Helm(chart).template()
          .withName(RELEASE)
          .withNamespace(releaseNamespace)
          .withKubeVersion(kubeVersion)
          .withValuesFile(values)
          .call();
      List<HasMetadata> objects = admin.load(
          new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8))).items();
      objects.stream().filter(object -> KINDS.contains(object.getKind()))
          .forEach(object -> admin.resource(object).create());
    } finally {
      Files.deleteIfExists(values);
    }
  }

  /** The user name the API server gives the operator's service account. */
  static String operatorUser(String releaseNamespace) {
    return "system:serviceaccount:" + releaseNamespace + ":" + OPERATOR_ACCOUNT;
  }
}
