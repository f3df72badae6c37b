package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.task.TaskContext;
import dev.ferry.worker.validation.ReplicatingValidation;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** A phase running in a thread of its own, as a worker pod would run it. */
public final class PhaseThread {

  private final Thread thread;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  private PhaseThread(String name, Callable<?> phase) {
    thread = new Thread(() -> {
      try {
        phase.call();
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        failure.set(e);
      }
    }, name);
  }

  /** The incremental phase of {@code context}. */
  public static PhaseThread incremental(TaskContext context) {
    return start("incremental-phase", () -> {
      IncrementalPhase.run(context, new ReplicatingValidation(context),
            EnginePhases.tableCopier(context));
      return null;
    });
  }

  public static PhaseThread start(String name, Callable<?> phase) {
    PhaseThread running = new PhaseThread(name, phase);
    running.thread.start();
    return running;
  }

  /** Kills the phase (like a deleted pod) and waits for it to stop. */
  public void stop() throws Exception {
    thread.interrupt();
    thread.join(Duration.ofSeconds(90).toMillis());
    assertThat(thread.isAlive()).as("phase stopped").isFalse();
    rethrow();
  }

  /** Whether the phase still runs; throws what it failed with. */
  public boolean alive() throws Exception {
    rethrow();
    return thread.isAlive();
  }

  public void awaitDone(Duration timeout) throws Exception {
    thread.join(timeout.toMillis());
    assertThat(thread.isAlive()).as("phase finished within " + timeout).isFalse();
    rethrow();
  }

  /** Waits for the phase to end and returns what it failed with (null when it did not). */
  public Exception awaitFailure(Duration timeout) throws InterruptedException {
    thread.join(timeout.toMillis());
    assertThat(thread.isAlive()).as("phase ended within " + timeout).isFalse();
    return failure.get();
  }

  private void rethrow() throws Exception {
    if (failure.get() != null) {
      throw failure.get();
    }
  }
}
