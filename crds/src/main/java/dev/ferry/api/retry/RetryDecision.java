package dev.ferry.api.retry;

import dev.ferry.api.v1alpha1.RetryStatus;
import java.time.Instant;

/**
 * What {@link RetryPolicy} decided after a failure. Every verdict carries the new
 * {@code status.retry} to store.
 */
public sealed interface RetryDecision {

  /** The retry state to write into the task's status. */
  RetryStatus status();

  /** Run the phase again at {@code at} (also in {@code status.nextAttemptAt}). */
  record Retry(RetryStatus status, Instant at) implements RetryDecision {}

  /** The retry window of the failure's class has ended: the task fails. */
  record Exhausted(RetryStatus status) implements RetryDecision {}

  /** The failure is {@link dev.ferry.api.v1alpha1.FailureClass#Fatal}: the task fails now. */
  record Fatal(RetryStatus status) implements RetryDecision {}
}
