package dev.ferry.worker.engine;

import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.worker.task.TaskContext;

/** Runs one phase of a task to its end; throws when the phase failed. */
@FunctionalInterface
public interface PhaseExecutor {

  /**
   * Runs {@code phase}. Returns normally when the phase is done; throws an exception whose class
   * (see {@link dev.ferry.api.retry.FailureClassifier}) decides the retry; stops promptly, with
   * its checkpoint saved, when the thread is interrupted.
   */
  void run(Phase phase, TaskContext context) throws Exception;
}
