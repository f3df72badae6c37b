package dev.ferry.api.retry;

import dev.ferry.api.rules.Durations;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.RetrySpec;
import dev.ferry.api.v1alpha1.RetryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides, after a phase failed, whether and when it runs again.
 *
 * <ul>
 *   <li>Failures of one phase without progress in between form a streak; {@code attempt} counts
 *       them. Progress, another phase, or a streak that already ended (no next attempt: the task
 *       failed and was resumed since) starts a new streak.
 *   <li>Each class has its window (spec.retry.connectionWindow, spec.retry.otherWindow), counted
 *       from the first failure of that class in the streak, so alternating classes cannot
 *       retry forever. A failure at or after the end of its window exhausts the retries.
 *   <li>{@link FailureClass#Fatal} failures are never retried.
 *   <li>Attempts wait {@link Backoff#delayAfter}, but never past the end of the window: the last
 *       attempt runs when the window ends.
 * </ul>
 */
public final class RetryPolicy {

  /** Most chars of an error message kept in {@code status.retry.lastError}. */
  public static final int MAX_ERROR_CHARS = 1024;

  private final Duration connectionWindow;
  private final Duration otherWindow;

  /** A policy with the given windows, both positive. */
  public RetryPolicy(Duration connectionWindow, Duration otherWindow) {
    this.connectionWindow = positive(connectionWindow, "connectionWindow");
    this.otherWindow = positive(otherWindow, "otherWindow");
  }

  /** The policy of a task's (already validated) spec.retry. */
  public static RetryPolicy of(RetrySpec spec) {
    return new RetryPolicy(
        Durations.parseValid(spec.getConnectionWindow()),
        Durations.parseValid(spec.getOtherWindow()));
  }

  /**
   * The verdict on {@code failure} and the new retry state.
   *
   * @param current the task's {@code status.retry}, null when nothing failed before
   */
  public RetryDecision onFailure(RetryStatus current, PhaseFailure failure) {
    Instant now = failure.at();
    RetryStatus next = continuesStreak(current, failure) ? streakOf(current) : newStreak(now);
    next.setPhase(failure.phase());
    next.setFailureClass(failure.failureClass());
    next.setAttempt(next.getAttempt() + 1);
    next.setLastFailureAt(now.toString());
    next.setLastError(Ellipsis.shorten(failure.message(), MAX_ERROR_CHARS));
    if (failure.failureClass() == FailureClass.Fatal) {
      return new RetryDecision.Fatal(next);
    }
    Instant windowEnd = windowStart(next, failure.failureClass(), now)
        .plus(window(failure.failureClass()));
    next.setWindowEndsAt(windowEnd.toString());
    if (!now.isBefore(windowEnd)) {
      return new RetryDecision.Exhausted(next);
    }
    Instant backoffEnd = now.plus(Backoff.delayAfter(next.getAttempt()));
    Instant at = backoffEnd.isBefore(windowEnd) ? backoffEnd : windowEnd;
    next.setNextAttemptAt(at.toString());
    return new RetryDecision.Retry(next, at);
  }

  private static boolean continuesStreak(RetryStatus current, PhaseFailure failure) {
    return current != null
        && !failure.progressedSinceLastFailure()
        && current.getPhase() == failure.phase()
        && Rfc3339.parse(current.getNextAttemptAt()).isPresent()
        && Rfc3339.parse(current.getFirstFailureAt()).isPresent();
  }

  private static RetryStatus newStreak(Instant now) {
    RetryStatus streak = new RetryStatus();
    streak.setFirstFailureAt(now.toString());
    return streak;
  }

  private static RetryStatus streakOf(RetryStatus current) {
    RetryStatus streak = new RetryStatus();
    streak.setAttempt(current.getAttempt());
    streak.setFirstFailureAt(current.getFirstFailureAt());
    streak.setConnectionFailuresSince(current.getConnectionFailuresSince());
    streak.setOtherFailuresSince(current.getOtherFailuresSince());
    return streak;
  }

  /** When the window of {@code failureClass} began in this streak, recording it if now. */
  private static Instant windowStart(RetryStatus streak, FailureClass failureClass, Instant now) {
    if (failureClass == FailureClass.Connection) {
      Instant since = Rfc3339.parse(streak.getConnectionFailuresSince()).orElse(now);
      streak.setConnectionFailuresSince(since.toString());
      return since;
    }
    Instant since = Rfc3339.parse(streak.getOtherFailuresSince()).orElse(now);
    streak.setOtherFailuresSince(since.toString());
    return since;
  }

  private Duration window(FailureClass failureClass) {
    return failureClass == FailureClass.Connection ? connectionWindow : otherWindow;
  }

  private static Duration positive(Duration window, String name) {
    Objects.requireNonNull(window, name);
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + window);
    }
    return window;
  }
}
