package dev.ferry.worker.fullload;

import dev.ferry.api.position.Position;
import dev.ferry.api.position.StatusPositions;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.FullLoadStatus;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.ReplicationStatus;
import dev.ferry.worker.binlog.RetentionWatch;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.status.StatusSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches, while the full load runs, that every source's recorded start position (the
 * incremental phase replays from it) is still kept in the source's binlog. A risk goes into
 * {@code status.replication.binlogAtRisk}, the field the operator turns into the
 * {@code BinlogAtRisk} condition and event, as in the incremental phase; a start position
 * already purged makes the load pointless, so it stops with a Fatal failure.
 */
final class StartWatch {

  private static final Logger LOG = LoggerFactory.getLogger(StartWatch.class);

  /** How often each source is checked; tests shorten it. */
  static volatile Duration every = Duration.ofMinutes(1);

  private final Map<String, Database> sources;
  private final StatusSink sink;
  private final Map<String, RetentionWatch> watches = new LinkedHashMap<>();
  private volatile FerryException purged;

  StartWatch(Map<String, Database> sources, StatusSink sink) {
    this.sources = sources;
    this.sink = sink;
    sources.keySet().forEach(name ->
        watches.put(name, new RetentionWatch(name, "the start position", Duration.ZERO)));
  }

  /**
   * Checks every source and writes the risks into the status; true when a start position was
   * purged (then {@link #purged()} says so). Failures to ask a source are logged, not thrown.
   */
  synchronized boolean check() {
    List<String> risks = new ArrayList<>();
    Duration stillNeeded = stillNeeded(sink.status().getFullLoad());
    for (Map.Entry<String, RetentionWatch> watch : watches.entrySet()) {
      Position start = start(watch.getKey());
      try (Connection connection = sources.get(watch.getKey()).connection()) {
        RetentionWatch.Risk risk = watch.getValue().check(connection, start, Instant.now(),
            stillNeeded);
        if (risk != null) {
          risks.add(risk.message());
          if (risk.purged()) {
            purged = new FerryException(FailureClass.Fatal, risk.message());
          }
        }
      } catch (SQLException e) {
        LOG.warn("could not check the binlog retention of source {}: {}", watch.getKey(),
            e.getMessage());
      }
    }
    String text = risks.isEmpty() ? null : String.join("; ", risks);
    report(text);
    return purged != null;
  }

  /** The failure to stop the load with, when a start position was purged; else null. */
  FerryException purged() {
    return purged;
  }

  private void report(String risk) {
    MigrationTaskStatus current = sink.status();
    String known = current.getReplication() == null ? null
        : current.getReplication().getBinlogAtRisk();
    if (Objects.equals(known, risk)) {
      return;
    }
    if (risk != null) {
      LOG.warn("{}", risk);
    }
    sink.update(status -> {
      ReplicationStatus replication = status.getReplication() == null ? new ReplicationStatus()
          : status.getReplication();
      replication.setBinlogAtRisk(risk);
      replication.setUpdatedAt(Instant.now().toString());
      status.setReplication(replication);
    });
  }

  private Position start(String source) {
    return sink.status().getCheckpoints().stream()
        .filter(c -> source.equals(c.getSource()))
        .map(StatusPositions::of)
        .filter(Objects::nonNull)
        .findFirst().orElse(null);
  }

  /** The time the load still needs at its current rate; zero when unknown. */
  static Duration stillNeeded(FullLoadStatus load) {
    if (load == null || load.getRowsPerSecond() == null || load.getRowsPerSecond() <= 0
        || load.getRowsEstimated() == null || load.getRowsCopied() == null) {
      return Duration.ZERO;
    }
    long left = Math.max(0, load.getRowsEstimated() - load.getRowsCopied());
    return Duration.ofSeconds((long) (left / load.getRowsPerSecond()));
  }
}
