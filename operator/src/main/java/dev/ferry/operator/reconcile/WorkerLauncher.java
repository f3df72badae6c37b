package dev.ferry.operator.reconcile;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.WorkerStatus;
import dev.ferry.operator.pod.ProgressMark;
import dev.ferry.operator.pod.WorkerPodFactory;
import dev.ferry.operator.pod.WorkerPods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Creates, finds and stops the worker pods of a task, and the cleanup pod of a deleted one. */
public final class WorkerLauncher {

  private static final String SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KubernetesClient client;
  private final WorkerPodFactory factory;

  public WorkerLauncher(KubernetesClient client, WorkerPodFactory factory) {
    this.client = client;
    this.factory = factory;
  }

  /**
   * Creates the pods of {@code phase}, attempt {@code attempt}: one per full-load shard
   * (spec.fullLoad.pods), one otherwise.
   *
   * @return the new status.worker
   */
  public WorkerStatus start(MigrationTask task, Phase phase, int attempt, Instant now) {
    int shards = phase == Phase.FullLoad ? task.getSpec().getFullLoad().getPods() : 1;
    String suffix = suffix();
    String mark = ProgressMark.of(task.getStatus());
    List<String> names = new ArrayList<>();
    for (int shard = 0; shard < shards; shard++) {
      Pod pod = factory.build(task, phase, attempt, shard, shards, suffix, mark);
      client.pods().inNamespace(task.getMetadata().getNamespace()).resource(pod).create();
      names.add(pod.getMetadata().getName());
    }
    WorkerStatus worker = new WorkerStatus();
    worker.setPhase(phase);
    worker.setAttempt(attempt);
    worker.setPods(names);
    worker.setStartedAt(now.toString());
    return worker;
  }

  /**
   * Creates attempt {@code attempt} of the cleanup pod of the deleted {@code task}.
   *
   * @return its name
   */
  public String startCleanup(MigrationTask task, int attempt) {
    Pod pod = factory.buildCleanup(task, attempt, suffix());
    client.pods().inNamespace(task.getMetadata().getNamespace()).resource(pod).create();
    return pod.getMetadata().getName();
  }

  /** The cleanup pods of the deleted {@code task}, as the API server has them now. */
  public List<Pod> cleanupPods(MigrationTask task) {
    return client.pods().inNamespace(task.getMetadata().getNamespace())
        .withLabel(WorkerPods.CLEANUP_RUN, task.getMetadata().getUid()).list().getItems();
  }

  /** Deletes the pods {@code pods} of the task (ended ones kept no longer needed). */
  public void delete(MigrationTask task, Collection<Pod> pods) {
    pods.forEach(pod -> client.pods().inNamespace(task.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName()).delete());
  }

  /** Reads pod {@code name} of the task's namespace from the API server; null when absent. */
  public Pod fetch(MigrationTask task, String name) {
    return client.pods().inNamespace(task.getMetadata().getNamespace()).withName(name).get();
  }

  /**
   * Asks the pods that still run to stop (SIGTERM: the worker saves its checkpoint first).
   *
   * @param names the pods to stop; others are left alone
   */
  public void stop(MigrationTask task, Collection<Pod> pods, Collection<String> names) {
    pods.stream()
        .filter(pod -> names.contains(pod.getMetadata().getName()))
        .filter(WorkerLauncher::active)
        .forEach(pod -> client.pods().inNamespace(task.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName()).delete());
  }

  /** Stops the task's active pods that are not the current attempt's (left by a crash). */
  public void stopStrays(MigrationTask task, Collection<Pod> pods, WorkerStatus worker) {
    List<String> current = worker == null ? List.of() : worker.getPods();
    List<String> strays = pods.stream()
        .map(pod -> pod.getMetadata().getName())
        .filter(name -> !current.contains(name))
        .toList();
    stop(task, pods, strays);
  }

  /**
   * Whether {@code pod}'s worker has not ended yet (running, starting, or being stopped); a
   * sidecar still running beside an ended worker does not count.
   */
  public static boolean alive(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase)
        && WorkerPods.workerTerminated(pod).isEmpty();
  }

  /** Whether {@code pod} still runs and is not being stopped already. */
  public static boolean active(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return pod.getMetadata().getDeletionTimestamp() == null
        && !"Succeeded".equals(phase) && !"Failed".equals(phase)
        && WorkerPods.label(pod, WorkerPods.TASK).isPresent();
  }

  private static String suffix() {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(SUFFIX_CHARS.charAt(RANDOM.nextInt(SUFFIX_CHARS.length())));
    }
    return suffix.toString();
  }
}
