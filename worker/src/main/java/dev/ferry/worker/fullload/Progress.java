package dev.ferry.worker.fullload;

import dev.ferry.api.v1alpha1.FullLoadStatus;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.TableProgress;
import dev.ferry.worker.status.StatusSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts what the load has committed and writes it into {@code status.fullLoad} and
 * {@code status.progress} when {@link #report} is called (about once a second, never per row).
 * Totals cover the whole plan, so pods sharing a load each report the same totals.
 */
final class Progress {

  private final StatusSink sink;
  private final Map<String, TableCounts> tables = new LinkedHashMap<>();
  private final long startedNanos = System.nanoTime();
  private long rowsEstimated;
  private long rowsCopied;
  private long bytesCopied;
  private long rowsThisRun;
  private long chunksTotal;
  private long chunksDone;
  private List<String> singleStreamTables = List.of();

  Progress(StatusSink sink) {
    this.sink = sink;
  }

  /** Registers a table of the plan with what the ledger says is already done. */
  synchronized void table(String name, long estimated, int chunks, int done, long rows,
      long bytes) {
    tables.put(name, new TableCounts(name, estimated, chunks, done, rows));
    rowsEstimated += estimated;
    chunksTotal += chunks;
    chunksDone += done;
    rowsCopied += rows;
    bytesCopied += bytes;
  }

  /** Rows committed within a chunk that is still being copied (keyless streams). */
  synchronized void rows(String table, long rows, long bytes) {
    tables.get(table).rows += rows;
    rowsCopied += rows;
    rowsThisRun += rows;
    bytesCopied += bytes;
  }

  /** A chunk committed with its last {@code rows}. */
  synchronized void chunkDone(String table, long rows, long bytes) {
    rows(table, rows, bytes);
    tables.get(table).done++;
    chunksDone++;
  }

  /** Records the tables copied as one stream, for the status. */
  synchronized void singleStream(List<String> tables) {
    singleStreamTables = List.copyOf(tables);
  }

  /** Writes the counters into the status. */
  void report(boolean complete) {
    FullLoadStatus summary = snapshot(complete);
    String progress = progressText(summary);
    sink.update(status -> {
      FullLoadStatus previous = status.getFullLoad();
      if (previous != null && previous.getStartedAt() != null) {
        summary.setStartedAt(previous.getStartedAt());
      }
      status.setFullLoad(summary);
      status.setProgress(progress);
    });
  }

  /** Marks the start in the status, keeping the first start of a resumed load. */
  static void started(StatusSink sink) {
    sink.update((MigrationTaskStatus status) -> {
      FullLoadStatus fullLoad = status.getFullLoad() == null ? new FullLoadStatus()
          : status.getFullLoad();
      if (fullLoad.getStartedAt() == null) {
        fullLoad.setStartedAt(Instant.now().toString());
      }
      fullLoad.setCompletedAt(null);
      status.setFullLoad(fullLoad);
    });
  }

  private synchronized FullLoadStatus snapshot(boolean complete) {
    FullLoadStatus summary = new FullLoadStatus();
    summary.setStartedAt(Instant.now().toString());
    if (complete) {
      summary.setCompletedAt(Instant.now().toString());
    }
    summary.setTablesTotal(tables.size());
    summary.setTablesDone((int) tables.values().stream().filter(TableCounts::complete).count());
    summary.setChunksTotal(chunksTotal);
    summary.setChunksDone(chunksDone);
    summary.setRowsEstimated(rowsEstimated);
    summary.setRowsCopied(rowsCopied);
    summary.setBytesCopied(bytesCopied);
    double seconds = Math.max(0.001, (System.nanoTime() - startedNanos) / 1e9);
    summary.setRowsPerSecond(Math.round(rowsThisRun / seconds * 10) / 10.0);
    List<TableProgress> inProgress = new ArrayList<>();
    for (TableCounts table : tables.values()) {
      if (!table.complete() && (table.done > 0 || table.rows > 0)) {
        inProgress.add(table.status());
      }
    }
    summary.setTables(inProgress);
    summary.setSingleStreamTables(new ArrayList<>(singleStreamTables));
    return summary;
  }

  private static String progressText(FullLoadStatus summary) {
    long total = Math.max(summary.getRowsEstimated(), summary.getRowsCopied());
    long percent = summary.getCompletedAt() != null ? 100
        : total == 0 ? 0 : Math.min(99, summary.getRowsCopied() * 100 / total);
    return percent + "% (" + human(summary.getRowsCopied()) + "/" + human(total) + " rows)";
  }

  /** 1234567 as "1.2M". */
  static String human(long count) {
    if (count < 1000) {
      return Long.toString(count);
    }
    if (count < 1_000_000) {
      return String.format(Locale.ROOT, "%.1fk", count / 1e3);
    }
    if (count < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1fM", count / 1e6);
    }
    return String.format(Locale.ROOT, "%.1fG", count / 1e9);
  }

  /** Counters of one table. */
  private static final class TableCounts {
    private final String name;
    private final long estimated;
    private final int chunks;
    private int done;
    private long rows;

    TableCounts(String name, long estimated, int chunks, int done, long rows) {
      this.name = name;
      this.estimated = estimated;
      this.chunks = chunks;
      this.done = done;
      this.rows = rows;
    }

    boolean complete() {
      return done >= chunks;
    }

    TableProgress status() {
      TableProgress progress = new TableProgress();
      progress.setTable(name);
      progress.setRowsEstimated(estimated);
      progress.setRowsCopied(rows);
      progress.setChunksTotal(chunks);
      progress.setChunksDone(done);
      return progress;
    }
  }
}
