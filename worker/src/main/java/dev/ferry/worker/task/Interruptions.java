package dev.ferry.worker.task;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** Helpers for phases that run work on thread pools and must stop cleanly when interrupted. */
public final class Interruptions {

  private static final long STOP_MINUTES = 1;

  private Interruptions() {}

  /**
   * Waits up to a minute for {@code workers} to finish (their transactions roll back), even when
   * this thread is interrupted; the interrupt flag is kept.
   */
  public static void awaitStopped(ExecutorService workers) {
    boolean interrupted = Thread.interrupted();
    try {
      workers.awaitTermination(STOP_MINUTES, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * What a phase that failed with {@code failure} throws: an {@link InterruptedException} when it
   * was stopped (the thread interrupted, or an interrupt among the causes), otherwise a
   * {@link FerryException} of the failure's class, with {@code what} naming the phase and, for a
   * missing privilege or database, what to do.
   *
   * @throws InterruptedException when the phase was stopped
   */
  public static FerryException failed(String what, SQLException failure)
      throws InterruptedException {
    if (Thread.currentThread().isInterrupted() || isInterruption(failure)) {
      InterruptedException stopped = new InterruptedException(what + " stopped");
      stopped.initCause(failure);
      throw stopped;
    }
    return new FerryException(FailureClassifier.classify(failure), what + " failed: "
        + failure.getMessage() + FailureClassifier.remedy(failure).map(r -> "; " + r).orElse(""),
        failure);
  }

  /**
   * What a failed task of a pool left, thrown as what it was: an {@link SQLException} or an
   * {@link InterruptedException} is thrown, a runtime exception returned for the caller to throw,
   * anything else returned wrapped.
   */
  public static RuntimeException rethrow(Throwable cause) throws SQLException,
      InterruptedException {
    if (cause instanceof SQLException e) {
      throw e;
    }
    if (cause instanceof InterruptedException e) {
      throw e;
    }
    if (cause instanceof RuntimeException e) {
      return e;
    }
    return new IllegalStateException(cause);
  }

  /** Threads named {@code name} that do not keep the JVM alive, for a phase's pools. */
  public static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Whether an {@link InterruptedException} is somewhere in the causes of {@code failure}. */
  private static boolean isInterruption(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }
}
