package dev.ferry.worker.cdc;

import dev.ferry.worker.db.NameDigest;
import dev.ferry.worker.sql.Sql;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The cutover fence for a source account that may not set {@code read_only}: every migrated
 * table gets BEFORE INSERT, UPDATE and DELETE triggers that fail the statement with SQLSTATE
 * 45000 and {@link #MESSAGE}, for every account. Creating a trigger waits for the transactions
 * that hold the table's metadata lock, so once all triggers exist no write to a migrated table is
 * still in flight, and the binlog position taken then covers every write that ever succeeded.
 *
 * <p>The triggers stay after the cutover, like {@code read_only} would; a session that sets
 * {@link #BYPASS_VARIABLE} passes them (the reverse stream does). Trigger names are
 * {@code ferry_fence_<hash of the table name>_<i|u|d>}, so a re-run after a crash creates only
 * the missing ones. The CDC stream ignores CREATE TRIGGER, so the fence never reaches the target.
 */
public final class FenceTriggers {

  /** The user variable whose sessions pass the fence (set it to any value). */
  public static final String BYPASS_VARIABLE = "@ferry_fence_bypass";

  /** What a blocked write reports. Constant text: no user input reaches the trigger's SQL. */
  static final String MESSAGE =
      "Ferry cutover fence: this table moved to the new database; write there instead";
  /** SQL to find Ferry's fence triggers, e.g. to drop them after a rollback. */
  static final String LIST_SQL = "SELECT TRIGGER_SCHEMA, TRIGGER_NAME FROM"
      + " information_schema.TRIGGERS WHERE TRIGGER_NAME LIKE 'ferry\\_fence\\_%'";

  private static final List<String> EVENTS = List.of("INSERT", "UPDATE", "DELETE");

  private FenceTriggers() {}

  /** Creates the missing fence triggers on {@code tables}; returns how many were created. */
  static int create(Connection connection, List<TableRef> tables) throws SQLException {
    Set<String> existing = existing(connection);
    int created = 0;
    try (Statement statement = connection.createStatement()) {
      for (TableRef table : tables) {
        for (String event : EVENTS) {
          String name = name(table, event);
          if (existing.add(table.schema() + "." + name)) {
            statement.execute(createStatement(table, event));
            created++;
          }
        }
      }
    }
    return created;
  }

  /** The CREATE TRIGGER statement fencing {@code event}s on {@code table}. */
  static String createStatement(TableRef table, String event) {
    return "CREATE TRIGGER " + Sql.qualified(table.schema(), name(table, event)) + " BEFORE "
        + event + " ON " + table.sql() + " FOR EACH ROW BEGIN IF " + BYPASS_VARIABLE + " IS NULL"
        + " THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '" + MESSAGE + "'; END IF; END";
  }

  /** The trigger name for {@code event}s on {@code table}: at most 64 characters, per table. */
  static String name(TableRef table, String event) {
    return "ferry_fence_" + NameDigest.of(table.table(), 8) + "_"
        + Character.toLowerCase(event.charAt(0));
  }

  /** The fence triggers on the server of {@code connection}, as {@code schema.trigger}. */
  public static Set<String> existing(Connection connection) throws SQLException {
    Set<String> names = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(LIST_SQL);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        names.add(rs.getString(1) + "." + rs.getString(2));
      }
    }
    return names;
  }
}
