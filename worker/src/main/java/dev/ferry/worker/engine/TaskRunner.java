package dev.ferry.worker.engine;

import dev.ferry.api.plan.PhasePlanner;
import dev.ferry.api.plan.PhaseRecorder;
import dev.ferry.api.plan.PlanDecision;
import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.PhaseFailure;
import dev.ferry.api.retry.RetryDecision;
import dev.ferry.api.retry.RetryPolicy;
import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.status.Readiness;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.worker.precheck.PrecheckFailedException;
import dev.ferry.worker.task.TaskContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task's phases in this process with the same phase plan and retry windows as the
 * operator: the engine of {@code ferry run}. Each decision of {@link PhasePlanner} is carried out
 * and recorded in the status (phase, phase records, retry, conditions).
 */
public final class TaskRunner {

  /** How a run ended. */
  public enum Outcome { COMPLETED, SUSPENDED, PRECHECK_FAILED, FAILED, INTERRUPTED }

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
  private static final long GENERATION = 1L;

  private final MigrationTask task;
  private final TaskContext context;
  private final PhaseExecutor executor;
  private final Clock clock;
  private final Sleeper sleeper;

  public TaskRunner(MigrationTask task, TaskContext context, PhaseExecutor executor, Clock clock,
      Sleeper sleeper) {
    this.task = task;
    this.context = context;
    this.executor = executor;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Runs until the task completes, fails for good, is suspended or is interrupted. */
  public Outcome run() {
    boolean retryFailedTask = context.sink().status().getPhase() == Phase.Failed;
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        return Outcome.INTERRUPTED;
      }
      PlanDecision decision = PhasePlanner.decide(snapshot(retryFailedTask), clock.instant());
      retryFailedTask = false;
      Outcome outcome = carryOut(decision);
      if (outcome != null) {
        return outcome;
      }
    }
  }

  private Outcome carryOut(PlanDecision decision) {
    if (decision instanceof PlanDecision.Complete) {
      finish(Phase.Completed, ConditionType.Ready, "Completed", "the migration completed");
      return Outcome.COMPLETED;
    }
    if (decision instanceof PlanDecision.Fail fail) {
      finish(Phase.Failed, ConditionType.Stalled, "Failed", fail.reason());
      return Outcome.FAILED;
    }
    if (decision instanceof PlanDecision.Suspend) {
      context.sink().update(status -> {
        status.setPhase(Phase.Suspended);
        Conditions.set(status, ConditionType.Reconciling, false, "Suspended",
            "spec.suspend is true", GENERATION, clock.instant());
      });
      return Outcome.SUSPENDED;
    }
    if (decision instanceof PlanDecision.WaitForRetry wait) {
      return sleepUntil(wait.until()) ? null : Outcome.INTERRUPTED;
    }
    if (decision instanceof PlanDecision.Resume resume) {
      context.sink().update(status -> status.setRetry(null));
      return runPhase(resume.phase(), 0);
    }
    PlanDecision.RunPhase run = (PlanDecision.RunPhase) decision;
    return runPhase(run.phase(), run.attempt());
  }

  private Outcome runPhase(Phase phase, int attempt) {
    Instant started = clock.instant();
    MigrationTaskStatus before = context.sink().status();
    context.sink().update(status -> {
      PhaseRecorder.started(status, phase, started);
      status.setPhase(phase);
      status.setProgress("starting phase " + phase);
      status.setObservedGeneration(GENERATION);
      Conditions.set(status, ConditionType.Reconciling, true, phase.name(),
          "running phase " + phase + (attempt > 0 ? ", attempt " + (attempt + 1) : ""),
          GENERATION, started);
      Readiness readiness = Readiness.whileRunning(phase);
      Conditions.set(status, ConditionType.Ready, readiness.ready(), readiness.reason(),
          readiness.message(), GENERATION, started);
    });
    LOG.info("phase {} started{}", phase, attempt > 0 ? " (attempt " + (attempt + 1) + ")" : "");
    try {
      executor.run(phase, context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.INTERRUPTED;
    } catch (Exception e) {
      if (Thread.currentThread().isInterrupted()) {
        return Outcome.INTERRUPTED;
      }
      return onFailure(phase, e, before);
    }
    if (Thread.currentThread().isInterrupted()) {
      return Outcome.INTERRUPTED;
    }
    Instant done = clock.instant();
    context.sink().update(status -> {
      PhaseRecorder.succeeded(status, phase, done);
      ConditionType.milestoneOf(phase).ifPresent(milestone -> Conditions.set(status, milestone,
          true, phase.name() + "Succeeded", "phase " + phase + " succeeded", GENERATION, done));
      Conditions.set(status, ConditionType.Stalled, false, phase.name() + "Succeeded", "",
          GENERATION, done);
    });
    LOG.info("phase {} succeeded in {}", phase, Duration.between(started, done));
    return null;
  }

  private Outcome onFailure(Phase phase, Exception error, MigrationTaskStatus before) {
    Instant now = clock.instant();
    String message = Objects.requireNonNullElse(error.getMessage(), error.toString());
    if (error instanceof PrecheckFailedException) {
      context.sink().update(status -> {
        PhaseRecorder.failed(status, phase);
        status.setPhase(Phase.Failed);
        Conditions.set(status, ConditionType.Stalled, true, "PrecheckFailed", message,
            GENERATION, now);
      });
      return Outcome.PRECHECK_FAILED;
    }
    boolean progressed = progressed(before, context.sink().status());
    PhaseFailure failure = new PhaseFailure(phase, FailureClassifier.classify(error), message,
        progressed, now);
    RetryDecision decision = RetryPolicy.of(context.spec().getRetry())
        .onFailure(context.sink().status().getRetry(), failure);
    LOG.warn("phase {} failed ({}): {}", phase, failure.failureClass(), message);
    if (decision instanceof RetryDecision.Retry) {
      context.metrics().retried(failure.failureClass());
    }
    context.sink().update(status -> {
      PhaseRecorder.failed(status, phase);
      status.setRetry(decision.status());
      if (decision instanceof RetryDecision.Retry retry) {
        Conditions.set(status, ConditionType.Reconciling, true, "RetryScheduled",
            failure.failureClass() + " failure, retrying at " + retry.at() + ": " + message,
            GENERATION, now);
      } else {
        status.setPhase(Phase.Failed);
        Conditions.set(status, ConditionType.Stalled, true, decision instanceof
            RetryDecision.Fatal ? "FatalError" : "RetryWindowExhausted", message, GENERATION, now);
        Conditions.set(status, ConditionType.Reconciling, false, "Failed", message, GENERATION,
            now);
      }
    });
    return decision instanceof RetryDecision.Retry ? null : Outcome.FAILED;
  }

  private void finish(Phase phase, ConditionType condition, String reason, String message) {
    Instant now = clock.instant();
    context.sink().update(status -> {
      status.setPhase(phase);
      Conditions.set(status, condition, true, reason, message, GENERATION, now);
      Conditions.set(status, ConditionType.Reconciling, false, reason, message, GENERATION, now);
    });
  }

  private MigrationTask snapshot(boolean retryFailedTask) {
    MigrationTask copy = new MigrationTask();
    copy.setMetadata(Serialization.clone(task.getMetadata()));
    copy.getMetadata().setGeneration(retryFailedTask ? GENERATION + 1 : GENERATION);
    copy.setSpec(context.spec());
    MigrationTaskStatus status = context.sink().status();
    if (status.getObservedGeneration() == null) {
      status.setObservedGeneration(GENERATION);
    }
    copy.setStatus(status);
    return copy;
  }

  /** Whether the phase moved a checkpoint (the reverse one too) or the copy forward. */
  private static boolean progressed(MigrationTaskStatus before, MigrationTaskStatus after) {
    return !Objects.equals(Serialization.asJson(before.getCheckpoints()),
        Serialization.asJson(after.getCheckpoints()))
        || !Objects.equals(chunksDone(before), chunksDone(after))
        || !Objects.equals(reverseCheckpoint(before), reverseCheckpoint(after));
  }

  private static String reverseCheckpoint(MigrationTaskStatus status) {
    return status.getReverse() == null ? null
        : Serialization.asJson(status.getReverse().getCheckpoint());
  }

  private static Long chunksDone(MigrationTaskStatus status) {
    return status.getFullLoad() == null ? null : status.getFullLoad().getChunksDone();
  }

  private boolean sleepUntil(Instant until) {
    Duration wait = Duration.between(clock.instant(), until);
    if (wait.isNegative() || wait.isZero()) {
      return true;
    }
    LOG.info("next attempt at {} (in {})", until, wait);
    try {
      sleeper.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
