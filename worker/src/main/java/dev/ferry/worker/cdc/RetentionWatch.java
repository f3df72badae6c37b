package dev.ferry.worker.cdc;

import dev.ferry.api.position.Position;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches whether a source's checkpoint is about to fall out of its binlog retention: when the
 * checkpoint lies in the oldest binlog file the source keeps and that file is no longer the one
 * being written (which is never purged), the next purge makes a resume impossible. Checked about
 * once a minute with {@code SHOW BINARY LOGS}.
 */
final class RetentionWatch {

  private static final Duration EVERY = Duration.ofMinutes(1);

  private final String source;
  private Instant checkedAt = Instant.EPOCH;
  private String risk;

  RetentionWatch(String source) {
    this.source = source;
  }

  /** The risk message, or null; refreshed when due. */
  String risk(Connection connection, Position checkpoint, Instant now)
      throws SQLException {
    if (checkpoint == null || checkpoint.file() == null
        || Duration.between(checkedAt, now).compareTo(EVERY) < 0) {
      return risk;
    }
    checkedAt = now;
    List<String> files = binlogs(connection);
    boolean inOldest = files.size() > 1 && checkpoint.file().equals(files.get(0));
    String oldest = files.isEmpty() ? null : files.get(0);
    risk = inOldest
        ? "source " + source + ": the checkpoint is in " + oldest + ", the oldest binlog the"
            + " source keeps; if it is purged the task cannot resume. Raise the binlog retention"
            + " (binlog_expire_logs_seconds, or on Aurora/RDS mysql.rds_set_configuration"
            + " 'binlog retention hours')"
        : null;
    return risk;
  }

  /** The binlog files the source keeps, oldest first. */
  private static List<String> binlogs(Connection connection) throws SQLException {
    List<String> files = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW BINARY LOGS")) {
      while (rs.next()) {
        files.add(rs.getString(1));
      }
    }
    return files;
  }
}
