package dev.ferry.api.plan;

import dev.ferry.api.plan.PlanDecision.Complete;
import dev.ferry.api.plan.PlanDecision.Fail;
import dev.ferry.api.plan.PlanDecision.Resume;
import dev.ferry.api.plan.PlanDecision.RunPhase;
import dev.ferry.api.plan.PlanDecision.Suspend;
import dev.ferry.api.plan.PlanDecision.WaitForRetry;
import dev.ferry.api.retry.Rfc3339;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.RetryStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides what happens next for a task, from its spec, status and generation. Called on every
 * reconcile; the rules, first match wins:
 *
 * <ol>
 *   <li>status.phase Completed: {@link Complete}, even when suspended.
 *   <li>status.phase Failed: {@link Fail} with the last error, unless the spec was edited since
 *       (metadata.generation above status.observedGeneration): then the task resumes, and
 *       the rules below decide how, {@link Resume} taking the place of {@link RunPhase}.
 *   <li>spec.suspend: {@link Suspend}, also while a retry is pending.
 *   <li>every phase of {@link PhasePlan#phasesFor} succeeded: {@link Complete}.
 *   <li>status.retry schedules the next phase: {@link WaitForRetry} until nextAttemptAt, then
 *       {@link RunPhase} with the retry's attempt number.
 *   <li>otherwise {@link RunPhase} of the next phase, attempt 0.
 * </ol>
 */
public final class PhasePlanner {

  static final String UNKNOWN_FAILURE = "the task failed; no error was recorded";

  private PhasePlanner() {}

  /** The decision for {@code task} at {@code now}. */
  public static PlanDecision decide(MigrationTask task, Instant now) {
    MigrationTaskSpec spec = task.getSpec();
    MigrationTaskStatus status =
        task.getStatus() == null ? new MigrationTaskStatus() : task.getStatus();
    if (status.getPhase() == Phase.Completed) {
      return new Complete();
    }
    boolean resumes = status.getPhase() == Phase.Failed;
    if (resumes && !editedSinceObserved(task, status)) {
      return new Fail(lastError(status));
    }
    if (spec.isSuspend()) {
      return new Suspend();
    }
    Optional<Phase> next = PhasePlan.nextPhase(spec, status);
    if (next.isEmpty()) {
      return new Complete();
    }
    Phase phase = next.get();
    if (resumes) {
      return new Resume(phase);
    }
    return scheduledRetry(status.getRetry(), phase)
        .<PlanDecision>map(retry -> retry.at().isAfter(now)
            ? new WaitForRetry(phase, retry.at())
            : new RunPhase(phase, retry.attempt()))
        .orElseGet(() -> new RunPhase(phase, 0));
  }

  private static boolean editedSinceObserved(MigrationTask task, MigrationTaskStatus status) {
    Long generation = task.getMetadata() == null ? null : task.getMetadata().getGeneration();
    Long observed = status.getObservedGeneration();
    return generation != null && observed != null && generation > observed;
  }

  private static String lastError(MigrationTaskStatus status) {
    RetryStatus retry = status.getRetry();
    return retry == null || retry.getLastError() == null ? UNKNOWN_FAILURE : retry.getLastError();
  }

  /** The attempt status.retry schedules for {@code phase}, if it schedules one. */
  private static Optional<ScheduledAttempt> scheduledRetry(RetryStatus retry, Phase phase) {
    if (retry == null || retry.getPhase() != phase) {
      return Optional.empty();
    }
    return Rfc3339.parse(retry.getNextAttemptAt())
        .map(at -> new ScheduledAttempt(at, retry.getAttempt()));
  }

  private record ScheduledAttempt(Instant at, int attempt) {}
}
