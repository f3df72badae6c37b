package dev.ferry.operator.reconcile;

import dev.ferry.api.retry.TerminationMessage;
import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.CleanupPolicy;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.operator.pod.WorkerPods;
import dev.ferry.operator.status.TaskEvents;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a deleted task's finalizer waits for. First its worker pods stop (they save their
 * checkpoint). Then a cleanup pod ({@code ferry cleanup-worker}) removes the state of the task's
 * run (its uid) from the target, unless spec.cleanup is Keep or no phase that keeps state ever
 * started. A cleanup that fails, or cannot start for a missing Secret, is reported (a Warning
 * event and the Stalled condition, with the ways out) and tried again every {@link #RETRY};
 * setting spec.cleanup to Keep or removing the finalizer lets the task go without it.
 */
final class TaskDeletion {

  /** How long after a failed cleanup the next attempt starts. */
  static final Duration RETRY = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(TaskDeletion.class);

  private final WorkerLauncher launcher;
  private final SpecCheck specCheck;
  private final TaskEvents events;

  TaskDeletion(WorkerLauncher launcher, SpecCheck specCheck, TaskEvents events) {
    this.launcher = launcher;
    this.specCheck = specCheck;
    this.events = events;
  }

  /**
   * Takes the next step of the deletion of {@code step}'s task, setting its conditions.
   *
   * @param pods the task's pods the informer knows
   * @return empty when the finalizer may be removed; otherwise when to look again
   */
  Optional<Duration> pending(ReconcileStep step, Collection<Pod> pods) {
    MigrationTask task = step.task();
    List<Pod> workers = pods.stream().filter(pod -> !WorkerPods.isCleanup(pod)).toList();
    launcher.stop(task, workers, workers.stream().map(pod -> pod.getMetadata().getName())
        .toList());
    if (workers.stream().anyMatch(WorkerLauncher::alive)) {
      step.condition(ConditionType.Reconciling, true, "StoppingWorkers", "the task is being"
          + " deleted: its worker pods stop first");
      return Optional.of(MigrationTaskReconciler.WHILE_STOPPING);
    }
    if (task.getSpec().getCleanup() == CleanupPolicy.Keep) {
      events.record(task, TaskEvents.NORMAL, "StateKept", "spec.cleanup is Keep: the state of"
          + " run " + run(task) + " stays on the target " + target(task) + "; ferry cleanup"
          + " lists it and removes it with --run " + run(task));
      return Optional.empty();
    }
    if (!SpecCheck.dataMoved(task.getStatus())) {
      LOG.info("{} deleted before any phase kept state on the target: nothing to remove",
          step.name());
      return Optional.empty();
    }
    return removeState(step);
  }

  private Optional<Duration> removeState(ReconcileStep step) {
    MigrationTask task = step.task();
    List<Pod> cleanups = launcher.cleanupPods(task);
    Optional<Pod> latest = cleanups.stream().max(Comparator.comparingInt(TaskDeletion::attempt));
    if (latest.isEmpty()) {
      return launch(step, 0);
    }
    Pod pod = latest.get();
    WorkerObservation observed = WorkerObservation.ofPods(List.of(pod.getMetadata().getName()),
        cleanups, name -> null);
    switch (observed.state()) {
      case SUCCEEDED -> {
        events.record(task, TaskEvents.NORMAL, "StateRemoved", "the state of run " + run(task)
            + " was removed from the target " + target(task));
        return Optional.empty();
      }
      case FAILED -> {
        return failed(step, pod, observed.failure(), cleanups);
      }
      default -> {
        return Optional.of(MigrationTaskReconciler.WHILE_RUNNING);
      }
    }
  }

  private Optional<Duration> launch(ReconcileStep step, int attempt) {
    MigrationTask task = step.task();
    List<String> missing = specCheck.missingTargetSecrets(task);
    if (!missing.isEmpty()) {
      stalled(step, "CleanupBlocked", "the state of run " + run(task) + " cannot be removed"
          + " from the target " + target(task) + ": " + String.join("; ", missing) + ". "
          + waysOut(task));
      return Optional.of(RETRY);
    }
    String name = launcher.startCleanup(task, attempt);
    String removing = "removing the state of run " + run(task) + " from the target "
        + target(task) + " in pod " + name;
    events.record(task, TaskEvents.NORMAL, "RemovingState", removing);
    step.condition(ConditionType.Reconciling, true, "RemovingState", removing);
    return Optional.of(MigrationTaskReconciler.WHILE_RUNNING);
  }

  private Optional<Duration> failed(ReconcileStep step, Pod pod, TerminationMessage failure,
      List<Pod> cleanups) {
    MigrationTask task = step.task();
    stalled(step, "CleanupFailed", "could not remove the state of run " + run(task) + " from"
        + " the target " + target(task) + " (" + failure.failureClass() + "): "
        + failure.message() + ". It is tried again every " + RETRY.toMinutes() + " minutes. "
        + waysOut(task));
    Instant due = endedAt(pod, step.now()).plus(RETRY);
    if (step.now().isBefore(due)) {
      return Optional.of(Duration.between(step.now(), due));
    }
    launcher.delete(task, cleanups);
    return launch(step, attempt(pod) + 1);
  }

  /** Sets Stalled (and Ready False); a Warning event when the message is new. */
  private void stalled(ReconcileStep step, String reason, String message) {
    boolean known = Conditions.find(step.status(), ConditionType.Stalled)
        .map(c -> "True".equals(c.getStatus()) && message.equals(c.getMessage()))
        .orElse(false);
    if (!known) {
      LOG.warn("{}: {}", step.name(), message);
      events.record(step.task(), TaskEvents.WARNING, reason, message);
    }
    step.condition(ConditionType.Stalled, true, reason, message);
    step.condition(ConditionType.Ready, false, reason, message);
  }

  /** How the user lets the task go without the cleanup. */
  static String waysOut(MigrationTask task) {
    String resource = "kubectl patch migrationtask " + task.getMetadata().getName() + " -n "
        + task.getMetadata().getNamespace();
    return "To let the task go without removing it: keep the state (" + resource
        + " --type merge -p '{\"spec\":{\"cleanup\":\"Keep\"}}') or drop the finalizer ("
        + resource + " --type json -p '[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]')"
        + "; ferry cleanup -f <task.yaml> --run " + run(task) + " removes the state later";
  }

  private static String run(MigrationTask task) {
    return task.getMetadata().getUid();
  }

  private static String target(MigrationTask task) {
    TargetSpec target = task.getSpec().getTarget();
    return target == null ? "(none)" : target.getHost() + ":" + target.getPort();
  }

  private static int attempt(Pod pod) {
    return WorkerPods.label(pod, WorkerPods.ATTEMPT).map(Integer::parseInt).orElse(0);
  }

  /** When the cleanup pod ended (its container, else its creation); {@code now} if unknown. */
  private static Instant endedAt(Pod pod, Instant now) {
    String at = WorkerPods.workerTerminated(pod).map(ContainerStateTerminated::getFinishedAt)
        .orElse(pod.getMetadata().getCreationTimestamp());
    try {
      return at == null ? now : Instant.parse(at);
    } catch (DateTimeParseException e) {
      return now;
    }
  }
}
