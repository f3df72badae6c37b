package dev.ferry.worker.binlog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a server keeps a closed binlog file before purging it by itself: Aurora/RDS's
 * {@code mysql.rds_configuration} 'binlog retention hours' when readable and set, else
 * {@code binlog_expire_logs_seconds} (MySQL 8.0, MariaDB 10.6+), else {@code expire_logs_days}
 * (MySQL 5.7, older MariaDB). Empty when nothing purges automatically (every setting 0) — a
 * manual {@code PURGE BINARY LOGS} can still remove files at any time.
 */
public final class BinlogRetention {

  private BinlogRetention() {}

  /** The configured retention, or empty when the server purges nothing by itself. */
  public static Optional<Duration> of(Connection connection) throws SQLException {
    Optional<Duration> rds = rdsHours(connection);
    if (rds.isPresent()) {
      return rds;
    }
    double seconds = 0;
    double days = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN"
            + " ('binlog_expire_logs_seconds', 'expire_logs_days')")) {
      while (rs.next()) {
        double value = parse(rs.getString(2));
        if ("binlog_expire_logs_seconds".equalsIgnoreCase(rs.getString(1))) {
          seconds = value;
        } else {
          days = value;
        }
      }
    }
    if (seconds > 0) {
      return Optional.of(Duration.ofSeconds((long) seconds));
    }
    return days > 0 ? Optional.of(Duration.ofSeconds((long) (days * 86_400))) : Optional.empty();
  }

  /** Aurora/RDS's own retention; empty where the table is missing, unreadable or unset. */
  private static Optional<Duration> rdsHours(Connection connection) {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT `value` FROM `mysql`.`rds_configuration`"
            + " WHERE `name` = 'binlog retention hours'")) {
      if (rs.next() && parse(rs.getString(1)) > 0) {
        return Optional.of(Duration.ofSeconds((long) (parse(rs.getString(1)) * 3600)));
      }
    } catch (SQLException e) {
      // not Aurora/RDS, or not readable by this user: the server variables decide
    }
    return Optional.empty();
  }

  private static double parse(String value) {
    try {
      return value == null ? 0 : Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
