package dev.ferry.api.plan;

import dev.ferry.api.v1alpha1.Phase;
import java.time.Instant;

/** What the operator (or the local CLI) should do next for a task; see {@link PhasePlanner}. */
public sealed interface PlanDecision {

  /**
   * Run {@code phase} (start its worker unless it already runs). {@code attempt} is 0 for the
   * first run of the phase and counts the failed attempts before a retry.
   */
  record RunPhase(Phase phase, int attempt) implements PlanDecision {}

  /**
   * The spec was edited after the task failed: clear {@code status.retry} (the failure streak
   * is over) and run {@code phase} as attempt 0.
   */
  record Resume(Phase phase) implements PlanDecision {}

  /** {@code phase} failed and is retried at {@code until}: run nothing before then. */
  record WaitForRetry(Phase phase, Instant until) implements PlanDecision {}

  /** spec.suspend is set: stop the worker after its checkpoint and start none. */
  record Suspend() implements PlanDecision {}

  /** Every phase succeeded, or the task completed before: nothing runs any more. */
  record Complete() implements PlanDecision {}

  /** The task failed and the spec was not edited since: stay failed with {@code reason}. */
  record Fail(String reason) implements PlanDecision {}
}
