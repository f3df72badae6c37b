package dev.ferry.worker.engine;

import java.time.Duration;

/** Waits; tests replace it to move a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  /** The real one. */
  Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
