package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.ServerInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Session settings of the apply connections. No foreign key checks (lanes commit in parallel,
 * so a child row may arrive before its parent); no binlog when {@code spec.target.writeBinlog} is
 * false. The SQL mode is the target's own with NO_ZERO_DATE and NO_ZERO_IN_DATE removed and
 * ALLOW_INVALID_DATES and NO_AUTO_VALUE_ON_ZERO added: every value the source stored (zero or
 * invalid dates, an explicit 0 in an AUTO_INCREMENT column) is written as it is, while strict
 * mode stays, so a value that does not fit fails instead of being silently changed (an empty
 * SQL mode would turn truncation into warnings). Time zone UTC and utf8mb4 come with the pool.
 *
 * <p>Statements are prepared on the server only where that is exact: MariaDB and MySQL before
 * 8.0. MySQL 8.0 (8.0.31 here, the Aurora MySQL 3 range) re-types the parameters of a
 * server-prepared statement between executions and then converts some binary values as if they
 * were text in the connection's character set: a {@code BIT(13)} value {@code 0x09F7} arrived as
 * {@code 0x0009}, and a latin1 value failed with error 3988 ("Conversion from collation
 * utf8mb4_bin into latin1_swedish_ci impossible for parameter"). There (and on TiDB, which has
 * not been tried) the driver prepares them.
 */
final class ApplySession {

  private static final Set<String> DROPPED = Set.of("NO_ZERO_DATE", "NO_ZERO_IN_DATE");

  private final String sqlMode;
  private final boolean writeBinlog;
  private final boolean preparesOnServer;

  private ApplySession(String sqlMode, boolean writeBinlog, boolean preparesOnServer) {
    this.sqlMode = sqlMode;
    this.writeBinlog = writeBinlog;
    this.preparesOnServer = preparesOnServer;
  }

  /** Settings for the target behind {@code target}. */
  static ApplySession of(Connection target, boolean writeBinlog) throws SQLException {
    Set<String> modes = new LinkedHashSet<>();
    try (Statement statement = target.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@GLOBAL.sql_mode")) {
      rs.next();
      String global = rs.getString(1) == null ? "" : rs.getString(1);
      for (String mode : global.toUpperCase(Locale.ROOT).split(",")) {
        if (!mode.isBlank() && !DROPPED.contains(mode)) {
          modes.add(mode);
        }
      }
    }
    modes.add("ALLOW_INVALID_DATES");
    modes.add("NO_AUTO_VALUE_ON_ZERO");
    ServerInfo server = ServerInfo.detect(target);
    boolean preparesOnServer = server.flavor() == Flavor.MARIADB
        || server.flavor() == Flavor.MYSQL && !server.atLeast(8, 0);
    return new ApplySession(String.join(",", modes), writeBinlog, preparesOnServer);
  }

  /** Whether write statements are prepared on the server (see the class comment). */
  boolean preparesOnServer() {
    return preparesOnServer;
  }

  /** The SQL mode of the apply sessions. */
  String sqlMode() {
    return sqlMode;
  }

  /** Prepares an apply connection: these settings, and explicit transactions. */
  void apply(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION foreign_key_checks = 0");
      if (!writeBinlog) {
        statement.execute("SET SESSION sql_log_bin = 0");
      }
    }
    try (PreparedStatement statement = connection.prepareStatement("SET SESSION sql_mode = ?")) {
      statement.setString(1, sqlMode);
      statement.execute();
    }
    connection.setAutoCommit(false);
  }

  /**
   * Gives a connection its default session back before it returns to the shared pool, so other
   * users of the pool do not inherit these settings.
   */
  void reset(Connection connection) throws SQLException {
    connection.rollback();
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION foreign_key_checks = DEFAULT, sql_mode = DEFAULT");
      if (!writeBinlog) {
        statement.execute("SET SESSION sql_log_bin = 1");
      }
    }
  }
}
