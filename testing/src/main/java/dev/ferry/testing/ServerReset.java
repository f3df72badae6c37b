package dev.ferry.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Brings a server back to how it was right after its first start; see {@link
 * DatabaseServer#reset()}.
 */
final class ServerReset {
  private static final int UNKNOWN_THREAD = 1094;

  private ServerReset() {}

  static void apply(Connection connection, Flavor flavor, Set<Account> keep) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION lock_wait_timeout = 30");
      killOtherConnections(statement);
      for (List<Object> row : Sql.rows(statement, "SHOW DATABASES")) {
        String schema = (String) row.get(0);
        if (!flavor.systemSchemas().contains(schema.toLowerCase(Locale.ROOT))) {
          statement.execute("DROP DATABASE " + Sql.identifier(schema));
        }
      }
      for (Account account : accounts(connection, flavor)) {
        if (!keep.contains(account)) {
          statement.execute(account.dropStatement());
        }
      }
      statement.execute("SET GLOBAL read_only = OFF");
    }
    resetBinaryLogs(connection);
  }

  /** Every account and role of the server. */
  static Set<Account> accounts(Connection connection, Flavor flavor) throws SQLException {
    Set<Account> accounts = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(flavor.engine().accountsQuery())) {
      while (rows.next()) {
        accounts.add(new Account(rows.getString(1), rows.getString(2), rows.getBoolean(3)));
      }
    }
    return accounts;
  }

  /**
   * Deletes all binary logs and, on MySQL, the executed GTID set; {@code RESET MASTER} does both on
   * MySQL 8.0 and MariaDB 11.4. Does nothing when the binary log is off.
   */
  static void resetBinaryLogs(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      if (binaryLogOn(statement)) {
        statement.execute("RESET MASTER");
      }
    }
  }

  private static boolean binaryLogOn(Statement statement) throws SQLException {
    try (ResultSet logBin = statement.executeQuery("SELECT @@GLOBAL.log_bin")) {
      logBin.next();
      return logBin.getBoolean(1);
    }
  }

  /** Kills client connections left open by earlier tests; their locks would block the drops. */
  private static void killOtherConnections(Statement statement) throws SQLException {
    List<List<Object>> others =
        Sql.rows(
            statement,
            "SELECT ID FROM information_schema.PROCESSLIST"
                + " WHERE ID <> CONNECTION_ID() AND COMMAND <> 'Daemon'"
                + " AND USER NOT IN ('system user', 'event_scheduler')");
    for (List<Object> row : others) {
      try {
        statement.execute("KILL " + row.get(0));
      } catch (SQLException e) {
        if (e.getErrorCode() != UNKNOWN_THREAD) {
          throw e;
        }
      }
    }
  }
}
