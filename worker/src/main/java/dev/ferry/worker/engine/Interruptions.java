package dev.ferry.worker.engine;

import java.util.concurrent.ExecutorService;
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

  /** Whether an {@link InterruptedException} is somewhere in the causes of {@code failure}. */
  public static boolean isInterruption(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }
}
