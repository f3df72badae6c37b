package dev.ferry.worker.validation;

import static java.util.stream.Collectors.joining;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.catalog.TableRef;
import dev.ferry.worker.db.EnumErrorWrites;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A source table and its target table as validation compares them: the compared columns (every
 * column but generated ones, which each server computes from the others), the key that splits
 * the table into ranges (the primary key, otherwise a unique key whose columns are all NOT NULL;
 * empty when there is none) and the SQL that reads each side.
 *
 * @param source name of the source (spec.sources[].name)
 */
record ComparedTable(String source, TableMapping mapping, Flavor sourceFlavor,
    Flavor targetFlavor, List<ComparedColumn> columns, List<ComparedColumn> key) {

  ComparedTable {
    columns = List.copyOf(columns);
    key = List.copyOf(key);
  }

  /** Whether the table has a key to split it into ranges. */
  boolean keyed() {
    return !key.isEmpty();
  }

  /** The source table as {@code schema.table}, as reports name it. */
  String name() {
    return mapping.source().toString();
  }

  /** The quoted table name on {@code side}. */
  String table(Side side) {
    return (side == Side.SOURCE ? mapping.source() : mapping.target()).sql();
  }

  /** {@code " AND (where)"} on the source if its rule filters rows; the target holds only those. */
  String filter(Side side) {
    return side == Side.SOURCE && mapping.where() != null ? " AND (" + mapping.where() + ")" : "";
  }

  /** Quoted key columns on {@code side}, in index order. */
  List<String> keyColumns(Side side) {
    return key.stream().map(c -> Sql.quote(c.name(side))).toList();
  }

  /**
   * The canonical text of a row: every compared column's canonical text, then one NULL marker
   * per column (so NULL differs from an empty string), joined by {@code '#'}.
   */
  String rowText(Side side) {
    List<String> parts = new ArrayList<>();
    for (ComparedColumn column : columns) {
      parts.add(canonical(column, side));
    }
    parts.add("CONCAT(" + columns.stream()
        .map(c -> "ISNULL(" + Sql.quote(c.name(side)) + ")").collect(joining(", ")) + ")");
    return "CONCAT_WS('#', " + String.join(", ", parts) + ")";
  }

  /** The canonical text of a row's key, equal on both sides for the same key. */
  String keyText(Side side) {
    return "CONCAT_WS('#', " + key.stream().map(c -> canonical(c, side)).collect(joining(", "))
        + ")";
  }

  private String canonical(ComparedColumn column, Side side) {
    return TypeClass.of(column).expression(column, side,
        side == Side.SOURCE ? sourceFlavor : targetFlavor, Sql.quote(column.name(side)));
  }

  /** Reads both tables' columns and the source's key. */
  static ComparedTable read(Connection sourceDb, Connection targetDb, String source,
      TableMapping mapping, Flavor sourceFlavor, Flavor targetFlavor) throws SQLException {
    Map<String, ColumnInfo> sourceColumns = columns(sourceDb, mapping.source());
    Map<String, ColumnInfo> targetColumns = columns(targetDb, mapping.target());
    if (targetColumns.isEmpty()) {
      throw new FerryException(FailureClass.Fatal, "table " + mapping.target()
          + " (from " + source + " " + mapping.source() + ") does not exist on the target;"
          + " run the schema and full-load phases first");
    }
    Map<String, ComparedColumn> all = new LinkedHashMap<>();
    List<ComparedColumn> compared = new ArrayList<>();
    for (ColumnInfo column : sourceColumns.values()) {
      String targetName = mapping.targetColumn(column.name());
      ColumnInfo target = targetColumns.get(targetName.toLowerCase(Locale.ROOT));
      if (target == null) {
        throw new FerryException(FailureClass.Fatal, "column " + column.name() + " of "
            + mapping.source() + " has no column " + targetName + " in " + mapping.target()
            + " on the target; add it, or fix the column renames in spec.objects.rules");
      }
      ComparedColumn pair = new ComparedColumn(column.name(), target.name(), column.type(),
          target.type(), column.charset(), target.charset(),
          EnumErrorWrites.emptyIsErrorValue(target.type(), target.columnType()));
      all.put(column.name().toLowerCase(Locale.ROOT), pair);
      if (!column.generated()) {
        compared.add(pair);
      }
    }
    List<ComparedColumn> key = new ArrayList<>();
    for (List<String> index : uniqueIndexes(sourceDb, mapping.source())) {
      if (index.stream().allMatch(c -> sourceColumns.containsKey(c) && sourceColumns.get(c)
          .notNull())) {
        index.forEach(c -> key.add(all.get(c)));
        break;
      }
    }
    return new ComparedTable(source, mapping, sourceFlavor, targetFlavor, compared, key);
  }

  private record ColumnInfo(String name, String type, String charset, boolean notNull,
      boolean generated, String columnType) {}

  /** Columns by lower-case name, in ordinal order. */
  private static Map<String, ColumnInfo> columns(Connection connection, TableRef table)
      throws SQLException {
    Map<String, ColumnInfo> columns = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_SET_NAME, IS_NULLABLE, EXTRA, COLUMN_TYPE"
            + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
            + " ORDER BY ORDINAL_POSITION")) {
      statement.setString(1, table.schema());
      statement.setString(2, table.table());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String extra = rs.getString(5) == null ? ""
              : rs.getString(5).toUpperCase(Locale.ROOT);
          columns.put(rs.getString(1).toLowerCase(Locale.ROOT), new ColumnInfo(rs.getString(1),
              rs.getString(2), rs.getString(3), "NO".equals(rs.getString(4)),
              extra.contains("GENERATED"), rs.getString(6)));
        }
      }
    }
    return columns;
  }

  /** Unique indexes, the primary key first, each as lower-case column names in index order. */
  private static List<List<String>> uniqueIndexes(Connection connection, TableRef table)
      throws SQLException {
    Map<String, List<String>> indexes = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0"
            + " ORDER BY INDEX_NAME <> 'PRIMARY', INDEX_NAME, SEQ_IN_INDEX")) {
      statement.setString(1, table.schema());
      statement.setString(2, table.table());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          indexes.computeIfAbsent(rs.getString(1), i -> new ArrayList<>())
              .add(rs.getString(2) == null ? "" : rs.getString(2).toLowerCase(Locale.ROOT));
        }
      }
    }
    return new ArrayList<>(indexes.values());
  }
}
