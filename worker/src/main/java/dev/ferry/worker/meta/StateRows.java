package dev.ferry.worker.meta;

import dev.ferry.worker.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rows Ferry keeps in {@value MetaSchema#NAME}, by the {@code task_id} column every ledger
 * has (the key of one run of one task): which keys hold rows in which table, and removing all of
 * one key's rows in one transaction.
 */
public final class StateRows {

  /** The ledger tables: every table of the meta schema with a {@code task_id} column. */
  static final String TABLES_SQL = "SELECT TABLE_NAME FROM information_schema.COLUMNS"
      + " WHERE TABLE_SCHEMA = ? AND COLUMN_NAME = 'task_id' ORDER BY TABLE_NAME";

  /** The ledger tables that note when a row was written, and that column. */
  static final String WRITTEN_AT_SQL = "SELECT TABLE_NAME, COLUMN_NAME FROM"
      + " information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
      + " AND COLUMN_NAME IN ('updated_at', 'created_at') ORDER BY TABLE_NAME, COLUMN_NAME";

  private StateRows() {}

  /** Row counts by key, then by ledger table; empty when the meta schema does not exist. */
  public static Map<String, Map<String, Long>> byKey(Connection target) throws SQLException {
    Map<String, Map<String, Long>> rows = new TreeMap<>();
    for (String table : tables(target)) {
      try (PreparedStatement statement = target.prepareStatement("SELECT task_id, COUNT(*) FROM "
          + MetaSchema.table(table) + " GROUP BY task_id");
          ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.computeIfAbsent(result.getString(1), key -> new TreeMap<>())
              .put(table, result.getLong(2));
        }
      }
    }
    return rows;
  }

  /** The statement that removes one key's rows from {@code table} (the key bound as parameter). */
  public static String deleteSql(String table) {
    return "DELETE FROM " + MetaSchema.table(table) + " WHERE task_id = ?";
  }

  /** The statement that removes one key's rows from {@code table}, with the key in place. */
  public static String deleteSql(String table, String key) {
    return deleteSql(table).replace("?", "'" + key.replace("'", "''") + "'");
  }

  /**
   * When a row of {@code key} was last written, by the ledgers that note it (as the server shows
   * it, to the microsecond); empty when none does.
   */
  public static Optional<String> lastWritten(Connection target, String key) throws SQLException {
    Map<String, String> columns = new TreeMap<>();
    try (PreparedStatement statement = target.prepareStatement(WRITTEN_AT_SQL)) {
      statement.setString(1, MetaSchema.NAME);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          columns.putIfAbsent(result.getString(1), result.getString(2));
        }
      }
    }
    String latest = null;
    for (Map.Entry<String, String> column : columns.entrySet()) {
      try (PreparedStatement statement = target.prepareStatement("SELECT CAST(MAX("
          + Sql.quote(column.getValue()) + ") AS CHAR) FROM " + MetaSchema.table(column.getKey())
          + " WHERE task_id = ?")) {
        statement.setString(1, key);
        try (ResultSet result = statement.executeQuery()) {
          String at = result.next() ? result.getString(1) : null;
          latest = at != null && (latest == null || at.compareTo(latest) > 0) ? at : latest;
        }
      }
    }
    return Optional.ofNullable(latest);
  }

  /**
   * Removes every row of {@code key} from {@code tables}, in one transaction.
   *
   * @return rows removed
   */
  public static long remove(Connection target, String key, Iterable<String> tables)
      throws SQLException {
    long[] removed = {0};
    LedgerTable.inTransaction(target, () -> {
      for (String table : tables) {
        try (PreparedStatement statement = target.prepareStatement(deleteSql(table))) {
          statement.setString(1, key);
          removed[0] += statement.executeUpdate();
        }
      }
    });
    return removed[0];
  }

  private static List<String> tables(Connection target) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement statement = target.prepareStatement(TABLES_SQL)) {
      statement.setString(1, MetaSchema.NAME);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          tables.add(result.getString(1));
        }
      }
    }
    return tables;
  }
}
