package dev.ferry.worker.fullload;

import dev.ferry.worker.catalog.TableMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source table's columns and the key the load chunks it by: the primary key, otherwise a
 * unique key whose columns are all NOT NULL, otherwise none (the table is copied as one stream).
 *
 * @param key the chunk key columns in index order; empty when the table has no usable key
 */
record TableShape(String source, TableMapping mapping, List<Column> columns, List<Column> key,
    long rowsEstimated) {

  TableShape {
    columns = List.copyOf(columns);
    key = List.copyOf(key);
  }

  /** Whether the table has a key to split it into ranges. */
  boolean keyed() {
    return !key.isEmpty();
  }

  /** The columns written to the target: every column but generated ones. */
  List<Column> writable() {
    return columns.stream().filter(c -> !c.generated()).toList();
  }

  /** Reads the shape of {@code mapping.source()} from the source's information_schema. */
  static TableShape read(Connection connection, String source, TableMapping mapping)
      throws SQLException {
    Map<String, Column> columns = new LinkedHashMap<>();
    Map<String, Boolean> notNull = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, EXTRA FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      statement.setString(1, mapping.source().schema());
      statement.setString(2, mapping.source().table());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          String extra = rs.getString(4) == null ? "" : rs.getString(4).toUpperCase();
          boolean generated = extra.contains("VIRTUAL GENERATED")
              || extra.contains("STORED GENERATED") || extra.contains("PERSISTENT GENERATED");
          columns.put(name, new Column(name, mapping.targetColumn(name),
              ValueKind.of(rs.getString(2)), generated));
          notNull.put(name, "NO".equals(rs.getString(3)));
        }
      }
    }
    List<Column> key = new ArrayList<>();
    for (List<String> index : uniqueIndexes(connection, mapping)) {
      if (index.stream().allMatch(c -> columns.containsKey(c) && notNull.get(c))) {
        index.forEach(c -> key.add(columns.get(c)));
        break;
      }
    }
    return new TableShape(source, mapping, new ArrayList<>(columns.values()), key,
        estimate(connection, mapping));
  }

  /** Unique indexes, the primary key first, each as its column names in index order. */
  private static List<List<String>> uniqueIndexes(Connection connection, TableMapping mapping)
      throws SQLException {
    Map<String, List<String>> indexes = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0"
            + " ORDER BY INDEX_NAME <> 'PRIMARY', INDEX_NAME, SEQ_IN_INDEX")) {
      statement.setString(1, mapping.source().schema());
      statement.setString(2, mapping.source().table());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          indexes.computeIfAbsent(rs.getString(1), i -> new ArrayList<>())
              .add(rs.getString(2));
        }
      }
    }
    return new ArrayList<>(indexes.values());
  }

  private static long estimate(Connection connection, TableMapping mapping) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT TABLE_ROWS FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      statement.setString(1, mapping.source().schema());
      statement.setString(2, mapping.source().table());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
