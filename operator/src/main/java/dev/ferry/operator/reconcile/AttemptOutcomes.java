package dev.ferry.operator.reconcile;

import dev.ferry.api.plan.PhaseRecorder;
import dev.ferry.api.retry.PhaseFailure;
import dev.ferry.api.retry.RetryDecision;
import dev.ferry.api.retry.RetryPolicy;
import dev.ferry.api.retry.TerminationMessage;
import dev.ferry.api.status.ConditionType;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.WorkerStatus;
import dev.ferry.operator.metrics.TaskMetrics;
import dev.ferry.operator.pod.ProgressMark;
import dev.ferry.operator.pod.WorkerPods;
import dev.ferry.operator.status.TaskEvents;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the end of a phase attempt means for a task: success records the phase and its
 * milestone; failure asks {@link RetryPolicy} whether to retry (and when) or to fail the task,
 * with events and metrics either way.
 */
final class AttemptOutcomes {

  private static final Logger LOG = LoggerFactory.getLogger(AttemptOutcomes.class);

  private final TaskEvents events;
  private final TaskMetrics metrics;

  AttemptOutcomes(TaskEvents events, TaskMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  /** The attempt's pods all succeeded: the phase is done. */
  void succeeded(ReconcileStep step, Phase phase) {
    MigrationTaskStatus status = step.status();
    PhaseRecorder.succeeded(status, phase, step.now());
    status.setWorker(null);
    ConditionType.milestoneOf(phase).ifPresent(milestone -> step.condition(milestone, true,
        phase.name() + "Succeeded", "phase " + phase + " succeeded"));
    if (phase == Phase.Incremental) {
      step.condition(ConditionType.CaughtUp, true, "Drained", "cutover drained every change");
    }
    step.condition(ConditionType.Stalled, false, phase.name() + "Succeeded", "");
    events.record(step.task(), TaskEvents.NORMAL, "PhaseSucceeded",
        "phase " + phase + " succeeded");
  }

  /**
   * A pod of the attempt failed (or vanished): retry within the failure class's window, or fail
   * the task.
   */
  void failed(ReconcileStep step, WorkerStatus worker, TerminationMessage failure,
      Collection<Pod> pods) {
    MigrationTaskStatus status = step.status();
    Phase phase = worker.getPhase();
    boolean progressed = progressed(step.task(), pods, worker, status);
    PhaseFailure phaseFailure = new PhaseFailure(phase, failure.failureClass(),
        failure.message(), progressed, step.now());
    RetryDecision decision = RetryPolicy.of(step.task().getSpec().getRetry())
        .onFailure(status.getRetry(), phaseFailure);
    PhaseRecorder.failed(status, phase);
    status.setRetry(decision.status());
    String what = "phase " + phase + " attempt " + (worker.getAttempt() + 1) + " failed ("
        + failure.failureClass() + "): " + failure.message();
    LOG.info("{}: {}", step.name(), what);
    if (decision instanceof RetryDecision.Retry retry) {
      metrics.retried(step.task(), phase, failure.failureClass());
      step.condition(ConditionType.Reconciling, true, "RetryScheduled",
          what + "; retrying at " + retry.at());
      events.record(step.task(), TaskEvents.WARNING, "PhaseRetry", what + "; retry "
          + decision.status().getAttempt() + " at " + retry.at() + ", window ends "
          + decision.status().getWindowEndsAt());
      return;
    }
    String reason = decision instanceof RetryDecision.Exhausted ? "RetryWindowExhausted"
        : phase == Phase.Precheck ? "PrecheckFailed" : "FatalError";
    status.setPhase(Phase.Failed);
    step.condition(ConditionType.Stalled, true, reason, failure.message());
    step.condition(ConditionType.Reconciling, false, "Failed", failure.message());
    step.condition(ConditionType.Ready, false, "Failed", failure.message());
    events.record(step.task(), TaskEvents.WARNING, "TaskFailed", what + " (" + reason + ")");
  }

  /** Whether the failed attempt moved the task forward since its pods were created. */
  private static boolean progressed(MigrationTask task, Collection<Pod> pods,
      WorkerStatus worker, MigrationTaskStatus status) {
    String now = ProgressMark.of(status);
    return pods.stream()
        .filter(pod -> worker.getPods().contains(pod.getMetadata().getName()))
        .map(pod -> pod.getMetadata().getAnnotations() == null ? null
            : pod.getMetadata().getAnnotations().get(WorkerPods.PROGRESS_AT_START))
        .anyMatch(mark -> mark != null && !mark.equals(now));
  }
}
