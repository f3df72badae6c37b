package dev.ferry.worker.fullload;

import dev.ferry.api.v1alpha1.FullLoadStatus;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.TableProgress;
import dev.ferry.worker.fullload.ChunkLedger.TableTotals;
import dev.ferry.worker.metrics.WorkerMetrics;
import dev.ferry.worker.status.StatusSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the load's progress into {@code status.fullLoad} and {@code status.progress} when
 * {@link #report} is called (about once a second, never per row). The figures come from the
 * ledger ({@link #ledger}), which holds what every shard has committed: finished chunks and the
 * committed part of the keyless streams still being copied. So the totals cover the whole plan
 * and pods sharing a load each report the same totals, none of them only its own share. The
 * same figures go to the chunk and row gauges of the metrics.
 */
final class Progress {

  private static final TableTotals NOTHING = new TableTotals(0, 0, 0, 0);

  private final StatusSink sink;
  private final WorkerMetrics metrics;
  private final Map<String, Long> estimates = new LinkedHashMap<>();
  private final long startedNanos = System.nanoTime();
  private Map<String, TableTotals> ledger = Map.of();
  private long rowsAtStart = -1;
  private List<String> singleStreamTables = List.of();

  Progress(StatusSink sink, WorkerMetrics metrics) {
    this.sink = sink;
    this.metrics = metrics;
  }

  /** Registers a table of the plan (its key as {@link Chunk#tableKey}) and its estimated rows. */
  synchronized void table(String name, long estimated) {
    estimates.put(name, estimated);
  }

  /** Takes the ledger's figures per table, as just read; the first read is the rate's base. */
  synchronized void ledger(Map<String, TableTotals> totals) {
    ledger = Map.copyOf(totals);
    if (rowsAtStart < 0) {
      rowsAtStart = rowsCopied();
    }
  }

  /** Records the tables copied as one stream, for the status. */
  synchronized void singleStream(List<String> tables) {
    singleStreamTables = List.copyOf(tables);
  }

  /**
   * Writes the figures into the status, unless another shard has already written a later view
   * of the same plan (its ledger read came after this one's).
   */
  void report(boolean complete) {
    FullLoadStatus summary = snapshot(complete);
    String progress = progressText(summary);
    metrics.fullLoadProgress(summary.getChunksDone(), summary.getChunksTotal(),
        summary.getRowsCopied(), summary.getRowsEstimated());
    sink.update(status -> {
      FullLoadStatus previous = status.getFullLoad();
      if (behind(summary, previous)) {
        return;
      }
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
    long chunksTotal = 0;
    long chunksDone = 0;
    long bytes = 0;
    int tablesDone = 0;
    List<TableProgress> inProgress = new ArrayList<>();
    for (Map.Entry<String, Long> table : estimates.entrySet()) {
      TableTotals totals = ledger.getOrDefault(table.getKey(), NOTHING);
      chunksTotal += totals.chunks();
      chunksDone += totals.done();
      bytes += totals.bytes();
      if (totals.chunks() > 0 && totals.done() >= totals.chunks()) {
        tablesDone++;
      } else if (totals.done() > 0 || totals.rows() > 0) {
        inProgress.add(tableStatus(table.getKey(), table.getValue(), totals));
      }
    }
    long rows = rowsCopied();
    summary.setTablesTotal(estimates.size());
    summary.setTablesDone(tablesDone);
    summary.setChunksTotal(chunksTotal);
    summary.setChunksDone(chunksDone);
    summary.setRowsEstimated(estimates.values().stream().mapToLong(Long::longValue).sum());
    summary.setRowsCopied(rows);
    summary.setBytesCopied(bytes);
    double seconds = Math.max(0.001, (System.nanoTime() - startedNanos) / 1e9);
    long sinceStart = rowsAtStart < 0 ? 0 : Math.max(0, rows - rowsAtStart);
    summary.setRowsPerSecond(Math.round(sinceStart / seconds * 10) / 10.0);
    summary.setTables(inProgress);
    summary.setSingleStreamTables(new ArrayList<>(singleStreamTables));
    return summary;
  }

  /** Whether {@code mine} shows less of the same plan than {@code stored} does. */
  static boolean behind(FullLoadStatus mine, FullLoadStatus stored) {
    if (stored == null || stored.getChunksDone() == null || stored.getRowsCopied() == null
        || !Objects.equals(stored.getChunksTotal(), mine.getChunksTotal())) {
      return false;
    }
    int byChunks = Long.compare(mine.getChunksDone(), stored.getChunksDone());
    if (byChunks != 0) {
      return byChunks < 0;
    }
    int byRows = Long.compare(mine.getRowsCopied(), stored.getRowsCopied());
    if (byRows != 0) {
      return byRows < 0;
    }
    return stored.getCompletedAt() != null && mine.getCompletedAt() == null;
  }

  private long rowsCopied() {
    return estimates.keySet().stream()
        .mapToLong(table -> ledger.getOrDefault(table, NOTHING).rows()).sum();
  }

  private static TableProgress tableStatus(String name, long estimated, TableTotals totals) {
    TableProgress progress = new TableProgress();
    progress.setTable(name);
    progress.setRowsEstimated(estimated);
    progress.setRowsCopied(totals.rows());
    progress.setChunksTotal(totals.chunks());
    progress.setChunksDone(totals.done());
    return progress;
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
}
