package dev.ferry.worker.kube;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.rules.CheckpointGuard;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.StatusLimits;
import dev.ferry.worker.status.StatusChange;
import dev.ferry.worker.status.StatusSink;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status sink of a worker pod: the MigrationTask on the API server.
 *
 * <ul>
 *   <li>{@link #spec()} re-reads the task at most once per {@code interval}.
 *   <li>{@link #update} applies the change at once to the local view and sends it at most once
 *       per {@code interval} (later changes are batched), always on {@link #close()}: nothing is
 *       lost, progress does not flood the API server.
 *   <li>Sending re-reads the task, re-applies every pending change to the fresh status, restores
 *       checkpoints that would move backwards ({@link CheckpointGuard}), trims
 *       ({@link StatusLimits}) and patches only the worker's fields ({@link StatusFieldsPatch}),
 *       guarded by the resourceVersion; on a conflict it starts over.
 * </ul>
 */
public final class KubernetesStatusSink implements StatusSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesStatusSink.class);
  private static final int MAX_CONFLICTS = 20;
  private static final int CONFLICT = 409;

  private final Resource<MigrationTask> task;
  private final Resource<GenericKubernetesResource> rawTask;
  private final KubernetesSerialization serialization;
  private final Clock clock;
  private final Duration interval;
  private final ScheduledExecutorService sender;
  private final List<Consumer<MigrationTaskStatus>> pending = new ArrayList<>();
  private final String uid;
  private MigrationTaskSpec spec;
  private Instant specReadAt;
  private MigrationTaskStatus view;
  private Instant sentAt = Instant.MIN;
  private ScheduledFuture<?> scheduled;

  private KubernetesStatusSink(KubernetesClient client, MigrationTask current, Clock clock,
      Duration interval) {
    String namespace = current.getMetadata().getNamespace();
    String name = current.getMetadata().getName();
    this.task = client.resources(MigrationTask.class).inNamespace(namespace).withName(name);
    this.rawTask = client.genericKubernetesResources(
        MigrationTask.GROUP + "/" + MigrationTask.VERSION, "MigrationTask")
        .inNamespace(namespace).withName(name);
    this.serialization = client.getKubernetesSerialization();
    this.uid = current.getMetadata().getUid();
    this.clock = clock;
    this.interval = interval;
    this.spec = current.getSpec();
    this.specReadAt = clock.instant();
    this.view = statusOf(current);
    this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "status-sender");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * The sink of task {@code namespace/name}, read once now.
   *
   * @throws FerryException (Connection) when the task cannot be read, Fatal when it is gone
   */
  public static KubernetesStatusSink open(KubernetesClient client, String namespace, String name,
      Clock clock, Duration interval) {
    Resource<MigrationTask> resource =
        client.resources(MigrationTask.class).inNamespace(namespace).withName(name);
    MigrationTask current;
    try {
      current = resource.get();
    } catch (KubernetesClientException e) {
      throw new FerryException(FailureClass.Connection, "cannot read MigrationTask " + namespace
          + "/" + name + " from the API server: " + e.getMessage(), e);
    }
    if (current == null) {
      throw new FerryException(FailureClass.Fatal, "MigrationTask " + namespace + "/" + name
          + " does not exist (deleted while its worker started?)");
    }
    return new KubernetesStatusSink(client, current, clock, interval);
  }

  /** The uid of the task as read when opened: it identifies this run of the task. */
  public String uid() {
    return uid;
  }

  @Override
  public synchronized MigrationTaskSpec spec() {
    if (!clock.instant().isBefore(specReadAt.plus(interval))) {
      specReadAt = clock.instant();
      try {
        MigrationTask current = task.get();
        if (current != null) {
          spec = current.getSpec();
        }
      } catch (KubernetesClientException e) {
        LOG.warn("could not re-read the task's spec, keeping the last one: {}", e.getMessage());
      }
    }
    return Serialization.clone(spec);
  }

  @Override
  public synchronized MigrationTaskStatus status() {
    return Serialization.clone(view);
  }

  @Override
  public synchronized void update(Consumer<MigrationTaskStatus> change) {
    view = StatusChange.apply(view, change);
    pending.add(change);
    Instant due = sentAt.equals(Instant.MIN) ? clock.instant() : sentAt.plus(interval);
    if (!due.isAfter(clock.instant())) {
      try {
        sendPending();
      } catch (KubernetesClientException e) {
        LOG.warn("could not send the status, retrying in {}: {}", interval, e.getMessage());
        schedule(interval);
      }
    } else {
      schedule(Duration.between(clock.instant(), due));
    }
  }

  /** Sends what is pending and stops the background sender. */
  @Override
  public void close() {
    sender.shutdownNow();
    synchronized (this) {
      sendPending();
    }
  }

  private synchronized void sendInBackground() {
    scheduled = null;
    try {
      sendPending();
    } catch (RuntimeException e) {
      LOG.warn("could not send the status, retrying in {}: {}", interval, e.getMessage());
      schedule(interval);
    }
  }

  private void schedule(Duration delay) {
    if (scheduled == null && !sender.isShutdown()) {
      scheduled = sender.schedule(this::sendInBackground, Math.max(1, delay.toMillis()),
          TimeUnit.MILLISECONDS);
    }
  }

  private void sendPending() {
    if (pending.isEmpty()) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      GenericKubernetesResource raw = rawTask.get();
      if (raw == null) {
        throw new FerryException(FailureClass.Fatal, "the MigrationTask was deleted");
      }
      boolean statusExists = raw.getAdditionalProperties().get("status") != null;
      MigrationTask current = serialization.convertValue(raw, MigrationTask.class);
      MigrationTaskStatus stored = statusExists ? current.getStatus() : null;
      MigrationTaskStatus next = statusOf(current);
      pending.forEach(change -> change.accept(next));
      CheckpointGuard.keepMonotonic(stored, next);
      StatusLimits.trim(next);
      String patch = StatusFieldsPatch.between(stored, next,
          current.getMetadata().getResourceVersion(), statusExists);
      try {
        if (patch != null) {
          task.subresource("status").patch(PatchContext.of(PatchType.JSON), patch);
        }
        pending.clear();
        view = next;
        sentAt = clock.instant();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != CONFLICT || attempt >= MAX_CONFLICTS) {
          throw e;
        }
        LOG.debug("status conflict, re-reading the task (attempt {})", attempt);
      }
    }
  }

  private static MigrationTaskStatus statusOf(MigrationTask task) {
    return task.getStatus() == null ? new MigrationTaskStatus()
        : Serialization.clone(task.getStatus());
  }
}
