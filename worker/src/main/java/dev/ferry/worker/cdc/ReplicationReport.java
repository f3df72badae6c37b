package dev.ferry.worker.cdc;

import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.ReplicationStatus;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.api.v1alpha1.TableConflicts;
import dev.ferry.worker.cdc.apply.ApplyStats;
import dev.ferry.worker.cdc.apply.ConflictCounts;
import dev.ferry.worker.metrics.WorkerMetrics;
import dev.ferry.worker.status.StatusSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mirrors the replication of every source into the status, about once a second: each source's
 * checkpoint (the applier's low watermark; the sink keeps it monotonic), the lag and rates of
 * the task (the most behind source), and the row conflicts that a policy resolved; each
 * source's lag and checkpoint time also go to its metrics at once.
 */
final class ReplicationReport {

  private static final Duration EVERY = Duration.ofSeconds(1);

  private final StatusSink sink;
  private final WorkerMetrics metrics;
  private final Map<String, SourceState> sources = new ConcurrentHashMap<>();
  private Instant lastWrite = Instant.EPOCH;

  ReplicationReport(StatusSink sink, WorkerMetrics metrics) {
    this.sink = sink;
    this.metrics = metrics;
  }

  /** Records a source's state; writes the status when due or when {@code force} is set. */
  void record(String source, SourceCheckpoint checkpoint, ApplyStats stats,
      ConflictCounts conflicts, long lagSeconds, boolean safeMode, String binlogAtRisk,
      boolean force) {
    sources.put(source, new SourceState(checkpoint, stats, conflicts, lagSeconds, safeMode,
        binlogAtRisk));
    metrics.source(source).lag(lagSeconds);
    if (checkpoint != null && checkpoint.getEventTime() != null) {
      metrics.source(source).checkpoint(Instant.parse(checkpoint.getEventTime()));
    }
    synchronized (this) {
      Instant now = Instant.now();
      if (!force && Duration.between(lastWrite, now).compareTo(EVERY) < 0) {
        return;
      }
      lastWrite = now;
      sink.update(status -> write(status, now));
    }
  }

  private void write(MigrationTaskStatus status, Instant now) {
    long lag = 0;
    double events = 0;
    double rows = 0;
    long applied = 0;
    boolean safe = false;
    long overwritten = 0;
    long skipped = 0;
    Map<String, TableConflicts> conflicts = new LinkedHashMap<>();
    List<String> risks = new ArrayList<>();
    for (Map.Entry<String, SourceState> entry : sources.entrySet()) {
      SourceState state = entry.getValue();
      lag = Math.max(lag, state.lagSeconds());
      events += state.stats().eventsPerSecond();
      rows += state.stats().rowsPerSecond();
      applied += state.stats().transactions();
      safe |= state.safeMode();
      overwritten += state.conflicts().overwritten();
      skipped += state.conflicts().skipped();
      state.conflicts().tables().forEach(table -> conflicts.merge(table.getTable(), table,
          ReplicationReport::sum));
      if (state.binlogAtRisk() != null) {
        risks.add(state.binlogAtRisk());
      }
      if (state.checkpoint() != null) {
        upsert(status, state.checkpoint());
      }
    }
    ReplicationStatus replication = new ReplicationStatus();
    replication.setLagSeconds(lag);
    replication.setEventsPerSecond(round(events));
    replication.setRowsPerSecond(round(rows));
    replication.setEventsApplied(applied);
    replication.setSafeMode(safe);
    replication.setBinlogAtRisk(risks.isEmpty() ? null : String.join("; ", risks));
    replication.setConflictsOverwritten(overwritten);
    replication.setConflictsSkipped(skipped);
    replication.setConflicts(new ArrayList<>(conflicts.values()));
    replication.setUpdatedAt(now.toString());
    status.setReplication(replication);
    status.setProgress("replicating: lag " + lag + "s, " + Math.round(events) + " events/s"
        + (safe ? ", safe mode" : "") + (overwritten + skipped == 0 ? ""
        : ", conflicts: " + overwritten + " overwritten, " + skipped + " skipped"));
  }

  private static void upsert(MigrationTaskStatus status, SourceCheckpoint checkpoint) {
    for (SourceCheckpoint existing : status.getCheckpoints()) {
      if (checkpoint.getSource().equals(existing.getSource())) {
        BinlogPosition safeModeUntil = existing.getSafeModeUntil();
        existing.setFile(checkpoint.getFile());
        existing.setPosition(checkpoint.getPosition());
        existing.setGtidSet(checkpoint.getGtidSet());
        existing.setEventTime(checkpoint.getEventTime() != null ? checkpoint.getEventTime()
            : existing.getEventTime());
        existing.setUpdatedAt(checkpoint.getUpdatedAt());
        existing.setSafeModeUntil(safeModeUntil);
        return;
      }
    }
    status.getCheckpoints().add(checkpoint);
  }

  /** The counts of one table from two sources (shards merged into it), the later's last. */
  private static TableConflicts sum(TableConflicts one, TableConflicts other) {
    TableConflicts both = new TableConflicts();
    both.setTable(one.getTable());
    both.setOverwritten(one.getOverwritten() + other.getOverwritten());
    both.setSkipped(one.getSkipped() + other.getSkipped());
    both.setLast(other.getLast());
    return both;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private record SourceState(SourceCheckpoint checkpoint, ApplyStats stats,
      ConflictCounts conflicts, long lagSeconds, boolean safeMode, String binlogAtRisk) {}
}
