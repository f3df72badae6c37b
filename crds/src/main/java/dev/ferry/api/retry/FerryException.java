package dev.ferry.api.retry;

import dev.ferry.api.v1alpha1.FailureClass;
import java.util.Objects;

/**
 * A failure whose class the engine decides deliberately, for example a purged binlog
 * ({@link FailureClass#Fatal}). {@link FailureClassifier} trusts this class over anything it
 * could infer from the causes.
 */
public class FerryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final FailureClass failureClass;

  /** A failure of the given class. */
  public FerryException(FailureClass failureClass, String message) {
    super(message);
    this.failureClass = Objects.requireNonNull(failureClass, "failureClass");
  }

  /** A failure of the given class, caused by {@code cause}. */
  public FerryException(FailureClass failureClass, String message, Throwable cause) {
    super(message, cause);
    this.failureClass = Objects.requireNonNull(failureClass, "failureClass");
  }

  /** The class the engine gave this failure. */
  public FailureClass failureClass() {
    return failureClass;
  }
}
