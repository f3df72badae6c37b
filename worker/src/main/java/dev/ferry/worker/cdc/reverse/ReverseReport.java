package dev.ferry.worker.cdc.reverse;

import dev.ferry.api.v1alpha1.ReverseState;
import dev.ferry.api.v1alpha1.ReverseStatus;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.worker.cdc.apply.ApplyStats;
import dev.ferry.worker.status.StatusSink;
import java.time.Duration;
import java.time.Instant;

/**
 * Mirrors the reverse stream into {@code status.reverse}, about once a second: its checkpoint
 * (the applier's low watermark on the old source; the sinks keep it monotonic), lag and rates,
 * and the one-line progress.
 */
final class ReverseReport {

  private static final Duration EVERY = Duration.ofSeconds(1);

  private final StatusSink sink;
  private Instant lastWrite = Instant.EPOCH;

  ReverseReport(StatusSink sink) {
    this.sink = sink;
  }

  /** Records the stream's state; writes the status when due or when {@code force} is set. */
  void record(SourceCheckpoint checkpoint, ApplyStats stats, long lagSeconds, boolean force) {
    Instant now = Instant.now();
    if (!force && Duration.between(lastWrite, now).compareTo(EVERY) < 0) {
      return;
    }
    lastWrite = now;
    sink.update(status -> {
      ReverseStatus reverse = status.getReverse();
      if (checkpoint != null) {
        reverse.setCheckpoint(checkpoint);
      }
      reverse.setLagSeconds(lagSeconds);
      reverse.setEventsApplied(stats.transactions());
      reverse.setEventsPerSecond(Math.round(stats.eventsPerSecond() * 10) / 10.0);
      reverse.setUpdatedAt(now.toString());
      status.setProgress("reversing into the old source " + reverse.getSource() + ": lag "
          + lagSeconds + "s, " + Math.round(stats.eventsPerSecond()) + " events/s");
    });
  }

  /** Records the final checkpoint of a stream stopped because spec.cutover.reverse is false. */
  void stopped(SourceCheckpoint checkpoint, ApplyStats stats) {
    Instant now = Instant.now();
    sink.update(status -> {
      ReverseStatus reverse = status.getReverse();
      reverse.setCheckpoint(checkpoint);
      reverse.setLagSeconds(0L);
      reverse.setEventsApplied(stats.transactions());
      reverse.setEventsPerSecond(0.0);
      reverse.setState(ReverseState.Stopped);
      reverse.setStoppedAt(now.toString());
      reverse.setUpdatedAt(now.toString());
      status.setProgress("reverse stream stopped: every change of the new target up to "
          + checkpoint.getFile() + ":" + checkpoint.getPosition() + " is on the old source");
    });
  }
}
