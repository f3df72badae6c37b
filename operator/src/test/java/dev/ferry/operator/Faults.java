package dev.ferry.operator;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.worker.engine.PhaseExecutor;
import dev.ferry.worker.task.TaskContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Faults a test puts into worker attempts through the {@link TestKubelet}. */
final class Faults {

  private Faults() {}

  /** Fails at once with {@code failureClass}. */
  static TestKubelet.Fault fail(FailureClass failureClass, String message) {
    return (engine, phase, context) -> {
      throw new FerryException(failureClass, message);
    };
  }

  /**
   * Runs the real engine until the full load has copied {@code chunks} chunks (the checkpoint is
   * saved), then stops it and fails with a Connection-class error, like a dropped connection.
   */
  static TestKubelet.Fault connectionLostAfterChunks(long chunks) {
    return (engine, phase, context) -> {
      Thread worker = Thread.currentThread();
      Thread watchdog = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          var fullLoad = context.sink().status().getFullLoad();
          if (fullLoad != null && fullLoad.getChunksDone() != null
              && fullLoad.getChunksDone() >= chunks) {
            worker.interrupt();
            return;
          }
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      watchdog.start();
      try {
        engine.run(phase, context);
      } catch (InterruptedException expected) {
        // the watchdog stopped the copy; fall through to the injected failure
      } finally {
        watchdog.interrupt();
        watchdog.join();
        Thread.interrupted();
      }
      throw new FerryException(FailureClass.Connection,
          "injected: lost connection to the source after " + chunks + " chunks");
    };
  }

  /** A gate a phase waits at (interruptibly) before it runs the real engine. */
  static final class Gate implements TestKubelet.Fault {
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    @Override
    public void run(PhaseExecutor engine, Phase phase, TaskContext context) throws Exception {
      reached.countDown();
      opened.await();
      engine.run(phase, context);
    }

    /** Waits until a worker stands at the gate. */
    void awaitReached() throws InterruptedException {
      if (!reached.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("no worker reached the gate");
      }
    }

    /** Lets the worker go on. */
    void open() {
      opened.countDown();
    }
  }
}
