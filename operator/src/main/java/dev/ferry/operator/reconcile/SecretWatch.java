package dev.ferry.operator.reconcile;

import dev.ferry.api.secrets.SecretEnvNames;
import dev.ferry.api.v1alpha1.MigrationTask;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Watches the Secrets that tasks name, so that a task refused because a Secret or key is missing
 * runs as soon as it appears (External Secrets, Sealed Secrets and Vault injectors deliver after
 * the task), and a changed Secret is looked at again. The tasks are indexed by the Secrets they
 * name ({@code namespace/name}); a Secret event maps to the tasks of that index entry.
 */
final class SecretWatch {

  /** Index of the primary cache: the Secrets each task names. */
  static final String INDEX = "ferry.dev/secrets";

  private SecretWatch() {}

  /** The event source, with the index it reads added to the tasks' cache. */
  static InformerEventSource<Secret, MigrationTask> of(
      EventSourceContext<MigrationTask> context) {
    context.getPrimaryCache().addIndexer(INDEX, SecretWatch::secretsOf);
    InformerEventSourceConfiguration<Secret> secrets = InformerEventSourceConfiguration
        .from(Secret.class, MigrationTask.class)
        .withName("task-secrets")
        .withSecondaryToPrimaryMapper(secret -> tasksNaming(context, secret))
        .build();
    return new InformerEventSource<>(secrets, context);
  }

  /** The index keys of {@code task}: {@code namespace/secret} of every Secret it names. */
  static List<String> secretsOf(MigrationTask task) {
    if (task.getSpec() == null || task.getSpec().getSources().contains(null)) {
      return List.of();
    }
    return SecretEnvNames.keysOf(task.getSpec()).stream()
        .map(key -> key(task.getMetadata().getNamespace(), key.secret()))
        .distinct()
        .toList();
  }

  private static Set<ResourceID> tasksNaming(EventSourceContext<MigrationTask> context,
      HasMetadata secret) {
    return context.getPrimaryCache()
        .byIndex(INDEX, key(secret.getMetadata().getNamespace(), secret.getMetadata().getName()))
        .stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
