package dev.ferry.worker.cdc.read;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.catalog.TableRef;
import dev.ferry.worker.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the source's information_schema says about tables, for what TABLE_MAP events do not
 * carry: the identifying key (always), and column names, signedness and charsets when the
 * source logs no (or minimal) row metadata. Cached per table; {@link #invalidate} after a DDL.
 */
final class SchemaTracker implements AutoCloseable {

  private static final String COLUMNS = "SELECT COLUMN_NAME, COLUMN_TYPE, CHARACTER_SET_NAME, "
      + "GENERATION_EXPRESSION FROM information_schema.COLUMNS "
      + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
  private static final String KEYS = "SELECT s.INDEX_NAME, s.NON_UNIQUE, s.COLUMN_NAME, "
      + "c.IS_NULLABLE FROM information_schema.STATISTICS s LEFT JOIN information_schema.COLUMNS c"
      + " ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME"
      + " AND c.COLUMN_NAME = s.COLUMN_NAME"
      + " WHERE s.TABLE_SCHEMA = ? AND s.TABLE_NAME = ? ORDER BY s.INDEX_NAME, s.SEQ_IN_INDEX";
  private static final String COLLATIONS =
      "SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS WHERE ID IS NOT NULL";

  private final Database source;
  private final Map<TableRef, TrackedTable> tables = new HashMap<>();
  private Map<Integer, String> charsetByCollation;

  SchemaTracker(Database source) {
    this.source = source;
  }

  /** A column as information_schema describes it. */
  record TrackedColumn(String name, boolean unsigned, String charset, boolean generated) {}

  /**
   * A table as information_schema describes it.
   *
   * @param columns in ordinal order; empty when the table does not exist (any more)
   * @param key the primary key's columns, else those of the first unique key over NOT NULL
   *     columns, else empty
   */
  record TrackedTable(List<TrackedColumn> columns, List<String> key) {

    TrackedColumn column(String name) {
      for (TrackedColumn column : columns) {
        if (column.name().equalsIgnoreCase(name)) {
          return column;
        }
      }
      return null;
    }
  }

  /** The table's columns and key, read once until invalidated. */
  TrackedTable table(TableRef table) {
    TrackedTable tracked = tables.get(table);
    if (tracked == null) {
      tracked = read(table);
      tables.put(table, tracked);
    }
    return tracked;
  }

  /** Forgets what is known about these tables (after a DDL on them). */
  void invalidate(Collection<TableRef> changed) {
    tables.keySet().removeAll(changed);
  }

  /** Forgets every table (after a DDL whose tables are unknown). */
  void invalidateAll() {
    tables.clear();
  }

  /** The character set of a collation id, or null when the source does not know the id. */
  String charsetOfCollation(int collationId) {
    if (charsetByCollation == null) {
      charsetByCollation = readCollations();
    }
    return charsetByCollation.get(collationId);
  }

  @Override
  public void close() {
    source.close();
  }

  private TrackedTable read(TableRef table) {
    try (Connection connection = source.connection()) {
      List<TrackedColumn> columns = new ArrayList<>();
      try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
        statement.setString(1, table.schema());
        statement.setString(2, table.table());
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            String generation = rs.getString(4);
            columns.add(new TrackedColumn(rs.getString(1),
                rs.getString(2).toLowerCase().contains("unsigned"), rs.getString(3),
                generation != null && !generation.isEmpty()));
          }
        }
      }
      return new TrackedTable(columns, key(connection, table));
    } catch (SQLException e) {
      throw new FerryException(FailureClass.Other, "cannot read the columns of " + table
          + " from information_schema on the source: " + e.getMessage(), e);
    }
  }

  private static List<String> key(Connection connection, TableRef table) throws SQLException {
    Map<String, List<String>> uniqueKeys = new LinkedHashMap<>();
    Map<String, Boolean> usable = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(KEYS)) {
      statement.setString(1, table.schema());
      statement.setString(2, table.table());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String index = rs.getString(1);
          if (rs.getInt(2) != 0) {
            continue;
          }
          String column = rs.getString(3);
          uniqueKeys.computeIfAbsent(index, name -> new ArrayList<>()).add(column);
          boolean notNull = column != null && "NO".equals(rs.getString(4));
          usable.merge(index, notNull, Boolean::logicalAnd);
        }
      }
    }
    if (uniqueKeys.containsKey("PRIMARY")) {
      return List.copyOf(uniqueKeys.get("PRIMARY"));
    }
    return uniqueKeys.entrySet().stream()
        .filter(entry -> usable.get(entry.getKey()))
        .map(entry -> List.copyOf(entry.getValue()))
        .findFirst()
        .orElse(List.of());
  }

  private Map<Integer, String> readCollations() {
    Map<Integer, String> result = new HashMap<>();
    try (Connection connection = source.connection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(COLLATIONS)) {
      while (rs.next()) {
        result.put(rs.getInt(1), rs.getString(2));
      }
      return result;
    } catch (SQLException e) {
      throw new FerryException(FailureClass.Other,
          "cannot read the collations from information_schema on the source: " + e.getMessage(),
          e);
    }
  }
}
