package dev.ferry.worker.kube;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.retry.TerminationMessage;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.worker.metrics.WorkerMetrics;
import dev.ferry.worker.task.TaskContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One phase of one task, run by a worker pod: reads the task, runs the phase with the engine,
 * reports into the task's status, and on failure leaves the JSON termination message the
 * operator reads. A stop request interrupts the phase (which saves its checkpoint) and ends the
 * run as a Connection-class failure "stopped by SIGTERM", so the phase is retried or, when
 * suspended, resumed later.
 */
public final class PhaseRun {

  /** How a run ended. */
  public enum Outcome { SUCCEEDED, FAILED, STOPPED }

  /** Longest wait of a stop request for the phase to save its checkpoint and end. */
  static final Duration STOP_GRACE = Duration.ofSeconds(25);
  /** Status updates are sent at most this often. */
  static final Duration STATUS_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(PhaseRun.class);

  private final WorkerEnvironment environment;
  private final WorkerTarget target;
  private final Path terminationLog;
  private final WorkerMetrics metrics;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile Thread runner;
  private volatile boolean stopRequested;

  /**
   * A run of {@code target}'s phase.
   *
   * @param terminationLog where the termination message is written on failure
   * @param metrics where the phase reports its metrics
   */
  public PhaseRun(WorkerEnvironment environment, WorkerTarget target, Path terminationLog,
      WorkerMetrics metrics) {
    this.environment = environment;
    this.target = target;
    this.terminationLog = terminationLog;
    this.metrics = metrics;
  }

  /** Runs the phase in the calling thread. */
  public Outcome run() {
    runner = Thread.currentThread();
    environment.onStopRequest(this::stop);
    try {
      return runPhase();
    } finally {
      finished.countDown();
    }
  }

  /** Asks the phase to stop and waits (a bounded time) until it has saved its checkpoint. */
  public void stop() {
    stopRequested = true;
    Thread thread = runner;
    if (thread != null) {
      thread.interrupt();
    }
    try {
      if (!finished.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("the phase did not stop within {}", STOP_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Outcome runPhase() {
    Phase phase = target.phase();
    KubernetesStatusSink sink = null;
    try {
      sink = KubernetesStatusSink.open(environment.client(), target.namespace(), target.task(),
          environment.clock(), STATUS_INTERVAL);
      TaskContext context =
          new TaskContext(target.taskId(), sink.uid(), sink, environment.secrets(), metrics);
      sink.update(status -> status.setProgress("starting phase " + phase));
      LOG.info("phase {} of {} started (shard {} of {})", phase, target.taskId(),
          target.shard() + 1, target.shards());
      environment.executor(target.shard(), target.shards()).run(phase, context);
      if (stopRequested) {
        throw stopped();
      }
      close(sink);
      LOG.info("phase {} of {} succeeded", phase, target.taskId());
      return Outcome.SUCCEEDED;
    } catch (Exception e) {
      Exception failure = stopRequested ? stopped() : e;
      // The last status update must reach the API server even when the phase was interrupted.
      boolean interrupted = Thread.interrupted() || e instanceof InterruptedException;
      close(sink);
      TerminationMessage message = TerminationMessage.of(failure);
      LOG.warn("phase {} of {} failed ({}): {}", phase, target.taskId(),
          message.failureClass(), message.message());
      writeTerminationMessage(message);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return stopRequested ? Outcome.STOPPED : Outcome.FAILED;
    }
  }

  private static FerryException stopped() {
    return new FerryException(FailureClass.Connection, "stopped by SIGTERM");
  }

  private static void close(KubernetesStatusSink sink) {
    if (sink == null) {
      return;
    }
    try {
      sink.close();
    } catch (RuntimeException e) {
      LOG.warn("could not send the last status update: {}", e.getMessage());
    }
  }

  private void writeTerminationMessage(TerminationMessage message) {
    try {
      Files.writeString(terminationLog, message.toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("could not write the termination message to {}: {}", terminationLog,
          e.getMessage());
    }
  }
}
