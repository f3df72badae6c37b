package dev.ferry.worker.cdc.reverse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** A phase running in a thread of its own, as a worker pod would run it. */
final class PhaseThread {

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

  static PhaseThread start(String name, Callable<?> phase) {
    PhaseThread running = new PhaseThread(name, phase);
    running.thread.start();
    return running;
  }

  /** Kills the phase (like a deleted pod) and waits for it to stop. */
  void stop() throws Exception {
    thread.interrupt();
    thread.join(Duration.ofSeconds(90).toMillis());
    assertThat(thread.isAlive()).as("phase stopped").isFalse();
    rethrow();
  }

  /** Whether the phase still runs; throws what it failed with. */
  boolean alive() throws Exception {
    rethrow();
    return thread.isAlive();
  }

  void awaitDone(Duration timeout) throws Exception {
    thread.join(timeout.toMillis());
    assertThat(thread.isAlive()).as("phase finished within " + timeout).isFalse();
    rethrow();
  }

  /** Waits for the phase to end and returns what it failed with (null when it did not). */
  Exception awaitFailure(Duration timeout) throws InterruptedException {
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
