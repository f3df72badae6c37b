package dev.ferry.worker.precheck;

import dev.ferry.api.rules.Durations;
import dev.ferry.api.v1alpha1.Mode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a source keeps its binlogs long enough, with the thresholds managed migration services
 * document: at least 24 hours for any task that replicates changes, and 7 days recommended when a
 * full load comes first (the binlog position is taken before the copy starts).
 */
final class BinlogRetention {

  static final Duration REQUIRED = Duration.ofHours(24);
  static final Duration RECOMMENDED_WITH_FULL_LOAD = Duration.ofDays(7);

  private static final int NO_SUCH_TABLE = 1146;
  private static final int TABLE_ACCESS_DENIED = 1142;

  private BinlogRetention() {}

  static Finding check(SourceServer source, Mode mode) throws SQLException {
    Optional<String> rdsHours = rdsRetentionHours(source);
    if (rdsHours.isPresent()) {
      String hours = rdsHours.get();
      Duration kept = hours.matches("\\d+") ? Duration.ofHours(Long.parseLong(hours))
          : Duration.ZERO;
      return judge(kept, "binlog retention hours is " + hours, mode);
    }
    long seconds = source.variables().number("binlog_expire_logs_seconds").orElse(0L);
    long days = source.variables().number("expire_logs_days").orElse(0L);
    if (seconds > 0) {
      return judge(Duration.ofSeconds(seconds), "binlog_expire_logs_seconds is " + seconds, mode);
    }
    if (days > 0) {
      return judge(Duration.ofDays(days), "expire_logs_days is " + days, mode);
    }
    return Finding.pass("binlogs are never purged automatically");
  }

  private static Finding judge(Duration kept, String setting, Mode mode) {
    String found = setting + " (binlogs kept " + Durations.format(kept) + ")";
    if (kept.compareTo(REQUIRED) < 0) {
      return Finding.fail(found + "; changes would be purged before they are replicated",
          "keep binlogs at least 24h: binlog_expire_logs_seconds=86400 or more (on Aurora/RDS: "
              + "CALL mysql.rds_set_configuration('binlog retention hours', 24))");
    }
    if (mode == Mode.All && kept.compareTo(RECOMMENDED_WITH_FULL_LOAD) < 0) {
      return Finding.warn(found + "; the full load must finish and replication start within "
              + "that time", "keep binlogs 7 days while the full load runs (168 hours)");
    }
    return Finding.pass(found);
  }

  /**
   * Aurora/RDS keep binlogs as their {@code binlog retention hours} setting says ("NULL" when
   * unset, which purges them within minutes); empty on servers without that setting.
   */
  private static Optional<String> rdsRetentionHours(SourceServer source) throws SQLException {
    try (PreparedStatement statement = source.connection().prepareStatement(
            "SELECT value FROM mysql.rds_configuration WHERE name = ?")) {
      statement.setString(1, "binlog retention hours");
      try (ResultSet rs = statement.executeQuery()) {
        String hours = rs.next() ? rs.getString(1) : null;
        return Optional.of(hours == null ? "NULL" : hours.trim());
      }
    } catch (SQLException e) {
      if (e.getErrorCode() == NO_SUCH_TABLE || e.getErrorCode() == TABLE_ACCESS_DENIED) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
