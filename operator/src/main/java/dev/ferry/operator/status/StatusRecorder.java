package dev.ferry.operator.status;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.StatusLimits;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the operator's part of a task's status ({@link OperatorFieldsPatch}), skipping the
 * write when nothing changed, and makes sure the next reconcile does not act on a version older
 * than the operator's own last write: the written task goes to JOSDK's cache, and
 * {@link #latest} re-reads a task whose cached version is behind what this operator wrote.
 */
public final class StatusRecorder {

  private final KubernetesClient client;
  private final Map<ResourceID, String> written = new ConcurrentHashMap<>();

  public StatusRecorder(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Stores {@code next} (operator fields only) for {@code task}.
   *
   * @return the task as stored, or {@code task} itself when there was nothing to write
   */
  public MigrationTask record(MigrationTask task, MigrationTaskStatus next,
      Context<MigrationTask> context) {
    StatusLimits.trim(next);
    boolean firstWrite = task.getStatus() == null
        || task.getStatus().getObservedGeneration() == null;
    Optional<String> patch = OperatorFieldsPatch.between(task.getStatus(), next, firstWrite);
    if (patch.isEmpty()) {
      return task;
    }
    MigrationTask written = client.resources(MigrationTask.class)
        .inNamespace(task.getMetadata().getNamespace())
        .withName(task.getMetadata().getName())
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON), patch.get());
    wrote(written);
    if (context != null) {
      context.eventSourceRetriever().getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(task), written, task);
    }
    return written;
  }

  /** Notes that this operator wrote {@code task} (status or metadata) at its resourceVersion. */
  public void wrote(MigrationTask task) {
    written.put(ResourceID.fromResource(task), task.getMetadata().getResourceVersion());
  }

  /** Forgets {@code task} (it was deleted). */
  public void forget(MigrationTask task) {
    written.remove(ResourceID.fromResource(task));
  }

  /**
   * {@code cached}, or the task as the API server has it now when {@code cached} is older than
   * this operator's last write of it (the watch event has not arrived yet).
   */
  public MigrationTask latest(MigrationTask cached) {
    String last = written.get(ResourceID.fromResource(cached));
    if (last == null || !isOlder(cached.getMetadata().getResourceVersion(), last)) {
      return cached;
    }
    MigrationTask fresh = client.resources(MigrationTask.class)
        .inNamespace(cached.getMetadata().getNamespace())
        .withName(cached.getMetadata().getName())
        .get();
    return fresh == null ? cached : fresh;
  }

  /** Whether version {@code version} is older than {@code than}; unknown order counts as older. */
  private static boolean isOlder(String version, String than) {
    try {
      return Long.parseLong(version) < Long.parseLong(than);
    } catch (NumberFormatException notNumeric) {
      return !version.equals(than);
    }
  }
}
