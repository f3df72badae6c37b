package dev.ferry.worker.cdc.apply;

import dev.ferry.api.retry.FerryException;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps the first failure of any lane, for the submitting thread to rethrow. */
final class FailureLatch {

  private final AtomicReference<FerryException> first = new AtomicReference<>();

  void record(FerryException failure) {
    first.compareAndSet(null, failure);
  }

  /** Throws the first recorded failure (same class and message), if any. */
  void check() {
    FerryException failure = first.get();
    if (failure != null) {
      throw new FerryException(failure.failureClass(), failure.getMessage(), failure);
    }
  }
}
