package dev.ferry.worker.fullload;

import dev.ferry.api.position.Position;
import dev.ferry.api.position.StatusPositions;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.worker.binlog.BinlogPositions;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.status.StatusSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binlog positions that tie the full load to the incremental phase: the position before any
 * data is read becomes the source's checkpoint (CDC replays from there), and the position after
 * the load becomes {@code safeModeUntil} (CDC applies idempotently until it passes it). A resumed
 * load never moves the start checkpoint: the earliest capture stays.
 */
final class StartCheckpoints {

  private static final Logger LOG = LoggerFactory.getLogger(StartCheckpoints.class);

  private StartCheckpoints() {}

  /**
   * Records the start position of {@code source} unless a checkpoint exists already: where the
   * CDC captures its start ({@code start}) in the modes that replicate, the current position in
   * mode Full.
   */
  static void recordStart(StatusSink sink, String source, Connection connection, Mode mode,
      StartCapture start) throws SQLException {
    if (find(sink.status(), source).isPresent()) {
      LOG.info("source {} keeps its recorded start checkpoint", source);
      return;
    }
    Optional<BinlogPosition> current = capture(connection, source, mode);
    if (current.isEmpty()) {
      return;
    }
    BinlogPosition position = mode == Mode.Full ? current.get()
        : StatusPositions.toBinlogPosition(start.capture(source, connection));
    String now = Instant.now().toString();
    sink.update(status -> {
      if (find(status, source).isEmpty()) {
        SourceCheckpoint checkpoint = new SourceCheckpoint();
        checkpoint.setSource(source);
        checkpoint.setFile(position.getFile());
        checkpoint.setPosition(position.getPosition());
        checkpoint.setGtidSet(position.getGtidSet());
        checkpoint.setUpdatedAt(now);
        status.getCheckpoints().add(checkpoint);
      }
    });
  }

  /** Records where the load of {@code source} ended as its {@code safeModeUntil}. */
  static void recordEnd(StatusSink sink, String source, Connection connection, Mode mode)
      throws SQLException {
    Optional<BinlogPosition> position = capture(connection, source, mode);
    if (position.isEmpty()) {
      return;
    }
    sink.update(status -> find(status, source).ifPresent(checkpoint -> {
      if (notBefore(position.get(), checkpoint.getSafeModeUntil())) {
        checkpoint.setSafeModeUntil(position.get());
      }
    }));
  }

  /** Whether the capture {@code end} may replace the recorded {@code safeModeUntil}. */
  private static boolean notBefore(BinlogPosition end, BinlogPosition recorded) {
    Position previous = StatusPositions.of(recorded);
    if (previous == null) {
      return true;
    }
    return switch (StatusPositions.of(end).relativeTo(previous)) {
      case SAME, AFTER -> true;
      case BEFORE -> false;
      // Another binlog base name, or GTID sets neither containing the other (e.g. a replaced
      // source server): nothing orders them, and the latest capture is where this load ended.
      case INCOMPARABLE -> true;
    };
  }

  private static Optional<BinlogPosition> capture(Connection connection, String source,
      Mode mode) throws SQLException {
    if (!BinlogPositions.enabled(connection)) {
      if (mode == Mode.Full) {
        LOG.info("source {} has no binary log; mode Full needs no start position", source);
        return Optional.empty();
      }
      throw new FerryException(FailureClass.Fatal, "source " + source + " has no binary log, so"
          + " changes made during the full load cannot be replicated; enable it (log_bin,"
          + " binlog_format=ROW) or use mode Full");
    }
    Optional<BinlogPosition> position =
        BinlogPositions.current(connection, ServerInfo.detect(connection));
    if (position.isEmpty() && mode != Mode.Full) {
      throw new FerryException(FailureClass.Fatal, "source " + source + " reports no binlog"
          + " position (SHOW MASTER STATUS is empty); grant REPLICATION CLIENT to the user");
    }
    return position;
  }

  private static Optional<SourceCheckpoint> find(MigrationTaskStatus status, String source) {
    return status.getCheckpoints().stream()
        .filter(c -> source.equals(c.getSource()))
        .filter(c -> c.getFile() != null || c.getGtidSet() != null)
        .findFirst();
  }
}
