package dev.ferry.worker.cli;

import dev.ferry.api.v1alpha1.FullLoadStatus;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.ReplicationStatus;
import dev.ferry.api.v1alpha1.ValidationStatus;
import dev.ferry.worker.status.StatusSink;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows the progress of a running task: a progress bar per phase on a terminal (rows copied of
 * estimated with rate and ETA; lag and events/s while replicating), plain lines every ten
 * seconds otherwise. Reads the status sink; never touches the engine.
 */
final class ProgressDisplay implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration LINE_EVERY = Duration.ofSeconds(10);

  private final StatusSink sink;
  private final boolean terminal;
  private final PrintStream out;
  private final Thread poller;
  private Phase shownPhase;
  private ProgressBar bar;
  private Instant lastLine = Instant.EPOCH;

  ProgressDisplay(StatusSink sink, boolean terminal, PrintStream out) {
    this.sink = sink;
    this.terminal = terminal;
    this.out = out;
    this.poller = new Thread(this::poll, "ferry-progress");
    this.poller.setDaemon(true);
  }

  void start() {
    poller.start();
  }

  private void poll() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        show(sink.status());
        Thread.sleep(POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void show(MigrationTaskStatus status) {
    Phase phase = status.getPhase();
    if (phase == null) {
      return;
    }
    if (terminal) {
      showBar(phase, status);
    } else if (phase != shownPhase || Instant.now().isAfter(lastLine.plus(LINE_EVERY))) {
      shownPhase = phase;
      lastLine = Instant.now();
      out.println("[" + phase + "] " + describe(phase, status));
    }
  }

  private void showBar(Phase phase, MigrationTaskStatus status) {
    if (phase != shownPhase) {
      closeBar();
      shownPhase = phase;
      bar = new ProgressBarBuilder().setTaskName(phase.name()).setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis((int) POLL.toMillis()).continuousUpdate()
          .setInitialMax(-1).showSpeed().setConsumer(new ConsoleProgressBarConsumer(out)).build();
    }
    FullLoadStatus full = status.getFullLoad();
    ValidationStatus validation = status.getValidation();
    if (phase == Phase.FullLoad && full != null && full.getRowsCopied() != null) {
      bar.maxHint(orZero(full.getRowsEstimated()) > 0 ? full.getRowsEstimated() : -1);
      bar.stepTo(full.getRowsCopied());
    } else if (phase == Phase.Validation && validation != null
        && validation.getTablesTotal() != null) {
      bar.maxHint(validation.getTablesTotal());
      bar.stepTo(orZero(validation.getTablesChecked()));
    }
    bar.setExtraMessage(describe(phase, status));
  }

  private static String describe(Phase phase, MigrationTaskStatus status) {
    FullLoadStatus full = status.getFullLoad();
    ReplicationStatus replication = status.getReplication();
    if (phase == Phase.FullLoad && full != null && full.getRowsCopied() != null) {
      return full.getRowsCopied() + "/~" + orZero(full.getRowsEstimated()) + " rows, tables "
          + orZero(full.getTablesDone()) + "/" + orZero(full.getTablesTotal())
          + (full.getRowsPerSecond() == null ? "" : String.format(", %.0f rows/s",
          full.getRowsPerSecond()));
    }
    if (phase == Phase.Incremental && replication != null) {
      return "lag " + replication.getLagSeconds() + " s"
          + (replication.getEventsPerSecond() == null ? "" : String.format(", %.0f events/s",
          replication.getEventsPerSecond()));
    }
    return status.getProgress() == null ? "" : status.getProgress();
  }

  private static long orZero(Number value) {
    return value == null ? 0 : value.longValue();
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  @Override
  public void close() {
    poller.interrupt();
    try {
      poller.join(POLL.toMillis() * 4);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      show(sink.status());
      closeBar();
    }
  }
}
