package dev.ferry.api.retry;

import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.Phase;
import java.time.Instant;
import java.util.Objects;

/**
 * One failed attempt of a phase, as the operator saw it.
 *
 * @param phase the phase that failed
 * @param failureClass its class (from the worker's {@link TerminationMessage})
 * @param message what went wrong, for the status and the user
 * @param progressedSinceLastFailure whether the checkpoint or the phase advanced since the
 *     previous failure; a failure after progress starts a new streak
 * @param at when it failed
 */
public record PhaseFailure(
    Phase phase,
    FailureClass failureClass,
    String message,
    boolean progressedSinceLastFailure,
    Instant at) {

  /** A failure; phase, class and time are required. */
  public PhaseFailure {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(failureClass, "failureClass");
    Objects.requireNonNull(at, "at");
  }
}
