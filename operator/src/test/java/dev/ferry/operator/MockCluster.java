package dev.ferry.operator;

import dev.ferry.api.v1alpha1.MigrationTask;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;

/** A fabric8 CRUD mock API server with the MigrationTask CRD (status subresource) registered. */
final class MockCluster implements AutoCloseable {

  /** Held so the level sticks: the mock logs every request at INFO. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final KubernetesMockServer server = new KubernetesMockServer(new Context(),
      new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
  private final KubernetesClient client;

  MockCluster() {
    server.init();
    client = server.createClient();
    try (InputStream yaml = MigrationTask.class.getResourceAsStream(
        "/META-INF/fabric8/migrationtasks.ferry.dev-v1.yml")) {
      CustomResourceDefinition crd = client.getKubernetesSerialization()
          .unmarshal(yaml, CustomResourceDefinition.class);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the MigrationTask CRD", e);
    }
  }

  KubernetesClient client() {
    return client;
  }

  /** Another client of this server (for the operator, the kubelet, a second operator). */
  KubernetesClient newClient() {
    return server.createClient();
  }

  void createNamespace(String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
  }

  MigrationTask task(String namespace, String name) {
    return client.resources(MigrationTask.class).inNamespace(namespace).withName(name).get();
  }

  List<Pod> pods(String namespace) {
    return client.pods().inNamespace(namespace).list().getItems();
  }

  List<Event> events(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
