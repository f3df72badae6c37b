package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.worker.engine.TaskContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** The incremental phase running in a thread of its own, as a worker pod would run it. */
final class RunningPhase {
  private final Thread thread;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  private RunningPhase(TaskContext context) {
    thread = new Thread(() -> {
      try {
        IncrementalPhase.run(context);
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        failure.set(e);
      }
    }, "incremental-phase");
  }

  static RunningPhase start(TaskContext context) {
    RunningPhase phase = new RunningPhase(context);
    phase.thread.start();
    return phase;
  }

  /** Kills the phase (like a deleted pod) and waits for it to stop. */
  void stop() throws Exception {
    thread.interrupt();
    thread.join(Duration.ofSeconds(90).toMillis());
    assertThat(thread.isAlive()).as("phase stopped").isFalse();
    rethrow();
  }

  /** Whether the phase is still running; throws what it failed with. */
  boolean alive() throws Exception {
    rethrow();
    return thread.isAlive();
  }

  void awaitDone(Duration timeout) throws Exception {
    thread.join(timeout.toMillis());
    assertThat(thread.isAlive()).as("phase finished the cutover in " + timeout).isFalse();
    rethrow();
  }

  private void rethrow() throws Exception {
    if (failure.get() != null) {
      throw failure.get();
    }
  }
}
