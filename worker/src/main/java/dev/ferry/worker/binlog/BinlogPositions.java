package dev.ferry.worker.binlog;

import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.ServerInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Reads a source's current binlog position without locking anything (no FLUSH TABLES WITH READ
 * LOCK, so it works on Aurora and RDS): the file and offset from {@code SHOW MASTER STATUS}
 * ({@code SHOW BINARY LOG STATUS} on MySQL 8.2 and later) and the executed GTID set
 * ({@code @@GLOBAL.gtid_executed} on MySQL, where MySQL 5.7's unqualified {@code @@gtid_executed}
 * is the session's own, empty set; {@code @@gtid_binlog_pos} on MariaDB). The position carries
 * the GTID set only while it orders positions ({@link GtidOrdering}): a set that later
 * transactions may not grow would make every later position look like this one.
 */
public final class BinlogPositions {

  private BinlogPositions() {}

  /** Whether the server writes a binary log at all. */
  public static boolean enabled(Connection connection) throws SQLException {
    String logBin = scalar(connection, "SELECT @@log_bin");
    return "1".equals(logBin) || "ON".equalsIgnoreCase(logBin);
  }

  /** The current position, or empty when the server has no binary log. */
  public static Optional<BinlogPosition> current(Connection connection, ServerInfo server)
      throws SQLException {
    BinlogPosition position = new BinlogPosition();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(statusStatement(server))) {
      if (!rs.next()) {
        return Optional.empty();
      }
      position.setFile(rs.getString(1));
      position.setPosition(rs.getLong(2));
    }
    String gtids = scalar(connection, server.flavor() == Flavor.MARIADB
        ? "SELECT @@gtid_binlog_pos" : "SELECT @@GLOBAL.gtid_executed");
    if (gtids != null && !gtids.isBlank()
        && GtidOrdering.brokenBecause(connection, server).isEmpty()) {
      position.setGtidSet(gtids.replaceAll("\\s+", ""));
    }
    return Optional.of(position);
  }

  /** MySQL 8.2 renamed SHOW MASTER STATUS, and 8.4 removed the old name; MariaDB keeps it. */
  public static String statusStatement(ServerInfo server) {
    return server.flavor() == Flavor.MYSQL && server.atLeast(8, 2)
        ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
  }

  private static String scalar(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
