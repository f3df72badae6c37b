package dev.ferry.worker.kube;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.util.HashMap;

/** A fabric8 CRUD mock API server that knows the MigrationTask CRD (with its status). */
final class MockApiServer implements AutoCloseable {

  private final KubernetesMockServer server = new KubernetesMockServer(new Context(),
      new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
  private final KubernetesClient client;

  MockApiServer() {
    server.init();
    client = server.createClient();
    try (InputStream yaml = MigrationTask.class.getResourceAsStream(
        "/META-INF/fabric8/migrationtasks.ferry.dev-v1.yml")) {
      CustomResourceDefinition crd = client.getKubernetesSerialization()
          .unmarshal(yaml, CustomResourceDefinition.class);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the MigrationTask CRD", e);
    }
  }

  KubernetesClient client() {
    return client;
  }

  /** A new client of the same server (another process, as the API server sees it). */
  KubernetesClient newClient() {
    return server.createClient();
  }

  /** Creates task {@code name} in namespace {@code ns}: empty spec, status written once. */
  MigrationTask createTask(String ns, String name) {
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    task.setSpec(new MigrationTaskSpec());
    MigrationTask created = client.resource(task).create();
    return client.resource(created).subresource("status").patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"add\",\"path\":\"/status\",\"value\":{\"observedGeneration\":1}}]");
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
