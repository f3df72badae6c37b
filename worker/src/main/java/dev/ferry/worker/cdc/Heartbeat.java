package dev.ferry.worker.cdc;

import dev.ferry.api.rules.Durations;
import dev.ferry.api.v1alpha1.HeartbeatSpec;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a heartbeat row on the source at {@code spec.incremental.heartbeat.interval}, like the
 * reference services: the binlog then carries a fresh commit time even while the application is
 * idle, so the reported lag stays honest and checkpoints keep moving. The heartbeat schema is
 * never migrated. A failing write is logged (at most once a minute) and does not stop replication.
 */
final class Heartbeat implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
  private static final Duration WARN_EVERY = Duration.ofMinutes(1);

  private final ScheduledExecutorService timer;
  private boolean tableReady;
  private Instant lastWarning = Instant.EPOCH;

  private Heartbeat(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Starts the heartbeat for {@code source} when the spec enables it, else returns a no-op. */
  static Heartbeat start(HeartbeatSpec spec, Database database, String source) {
    if (!spec.isEnabled()) {
      return new Heartbeat(null);
    }
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "ferry-heartbeat-" + source);
      thread.setDaemon(true);
      return thread;
    });
    Heartbeat heartbeat = new Heartbeat(timer);
    String table = Sql.qualified(spec.getSchema(), "heartbeat");
    long every = Durations.parseValid(spec.getInterval()).toMillis();
    timer.scheduleAtFixedRate(() -> heartbeat.beat(database, spec.getSchema(), table, source),
        0, every, TimeUnit.MILLISECONDS);
    return heartbeat;
  }

  private void beat(Database database, String schema, String table, String source) {
    try (Connection connection = database.connection()) {
      if (!tableReady) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("CREATE DATABASE IF NOT EXISTS " + Sql.quote(schema));
          statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (source VARCHAR(64)"
              + " NOT NULL PRIMARY KEY, beat_at TIMESTAMP(6) NOT NULL)");
        }
        tableReady = true;
      }
      try (PreparedStatement beat = connection.prepareStatement(
          "REPLACE INTO " + table + " (source, beat_at) VALUES (?, NOW(6))")) {
        beat.setString(1, source);
        beat.executeUpdate();
      }
    } catch (SQLException e) {
      Instant now = Instant.now();
      if (Duration.between(lastWarning, now).compareTo(WARN_EVERY) >= 0) {
        lastWarning = now;
        LOG.warn("heartbeat on source {} failed ({}); the lag shown may be too high while the"
            + " source is idle: grant the user INSERT, CREATE and DELETE on schema {}", source,
            e.getMessage(), schema);
      }
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
