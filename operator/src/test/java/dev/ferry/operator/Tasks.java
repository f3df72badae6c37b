package dev.ferry.operator;

import dev.ferry.api.v1alpha1.EndpointSpec;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabaseServer;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** MigrationTasks and their Secrets for the test servers. */
final class Tasks {

  static final String SOURCE_SECRET = "source-credentials";
  static final String TARGET_SECRET = "target-credentials";

  private Tasks() {}

  /** Creates the credentials Secrets of {@code source} and {@code target} in {@code ns}. */
  static void createSecrets(KubernetesClient client, String ns, DatabaseServer source,
      DatabaseServer target) {
    secret(client, ns, SOURCE_SECRET, source);
    secret(client, ns, TARGET_SECRET, target);
  }

  /** A task of {@code mode} moving schema {@code shop} from {@code source} to {@code target}. */
  static MigrationTask task(String ns, String name, Mode mode, DatabaseServer source,
      DatabaseServer target) {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(mode);
    SourceSpec src = new SourceSpec();
    src.setName("src");
    endpoint(src, source, SOURCE_SECRET);
    spec.getSources().add(src);
    TargetSpec dst = new TargetSpec();
    endpoint(dst, target, TARGET_SECRET);
    spec.setTarget(dst);
    spec.getObjects().getInclude().add("shop.*");
    spec.getFullLoad().setChunkRows(1000);
    spec.getFullLoad().setThreads(2);
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    task.setSpec(spec);
    return task;
  }

  private static void endpoint(EndpointSpec endpoint, DatabaseServer server, String secret) {
    endpoint.setHost(server.host());
    endpoint.setPort(server.port());
    endpoint.setCredentialsSecret(secret);
    endpoint.setAllowPublicKeyRetrieval(true);
    endpoint.getTls().setMode(TlsMode.Disabled);
  }

  private static void secret(KubernetesClient client, String ns, String name,
      DatabaseServer server) {
    client.secrets().inNamespace(ns).resource(new SecretBuilder()
        .withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .addToStringData("username", server.adminUser())
        .addToStringData("password", server.adminPassword())
        .build()).createOr(existing -> existing.update());
  }
}
