package dev.ferry.worker.fullload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Session settings of the load's connections. Target: no foreign key checks (tables arrive in any
 * order), no binlog when {@code spec.target.writeBinlog} is false, and an SQL mode that accepts
 * every value the source holds (zero dates, and invalid dates when the source allows them) and
 * keeps explicit zeros in AUTO_INCREMENT columns; strict mode stays, so a value that does not fit
 * fails instead of being changed. Source: long write timeout, so a throttled stream is not cut,
 * and results in utf8mb4.
 */
final class SessionSettings {

  private static final Set<String> DROPPED = Set.of("NO_ZERO_DATE", "NO_ZERO_IN_DATE");

  private final String targetSqlMode;
  private final boolean writeBinlog;

  private SessionSettings(String targetSqlMode, boolean writeBinlog) {
    this.targetSqlMode = targetSqlMode;
    this.writeBinlog = writeBinlog;
  }

  /**
   * Settings derived from the target's own SQL mode and whether any source allows invalid dates.
   */
  static SessionSettings of(Connection target, boolean sourceAllowsInvalidDates,
      boolean writeBinlog) throws SQLException {
    Set<String> modes = new LinkedHashSet<>();
    for (String mode : sqlMode(target).split(",")) {
      if (!mode.isBlank() && !DROPPED.contains(mode)) {
        modes.add(mode);
      }
    }
    modes.add("NO_AUTO_VALUE_ON_ZERO");
    if (sourceAllowsInvalidDates) {
      modes.add("ALLOW_INVALID_DATES");
    }
    return new SessionSettings(String.join(",", modes), writeBinlog);
  }

  /** Whether the server's SQL mode has ALLOW_INVALID_DATES. */
  static boolean allowsInvalidDates(Connection connection) throws SQLException {
    return Arrays.asList(sqlMode(connection).split(",")).contains("ALLOW_INVALID_DATES");
  }

  /** The SQL mode of the target sessions. */
  String sqlMode() {
    return targetSqlMode;
  }

  /** Prepares a target connection for writing. */
  void applyToTarget(Connection target) throws SQLException {
    if (!writeBinlog) {
      try (Statement statement = target.createStatement()) {
        statement.execute("SET SESSION sql_log_bin = 0");
      }
    }
    // one statement, one round trip: it runs for every chunk, of 10,000 tables perhaps
    try (PreparedStatement statement = target.prepareStatement("SET SESSION"
        + " foreign_key_checks = 0, SESSION sql_mode = ?")) {
      statement.setString(1, targetSqlMode);
      statement.execute();
    }
  }

  /**
   * Prepares a source connection for a long streaming read whose values are taken as bytes:
   * results in utf8mb4 (Connector/J otherwise asks for each column's own character set).
   */
  static void applyToSource(Connection source) throws SQLException {
    try (Statement statement = source.createStatement()) {
      statement.execute("SET SESSION net_write_timeout = 3600,"
          + " SESSION character_set_results = utf8mb4");
    }
  }

  private static String sqlMode(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@SESSION.sql_mode")) {
      rs.next();
      return rs.getString(1) == null ? "" : rs.getString(1).toUpperCase(Locale.ROOT);
    }
  }
}
