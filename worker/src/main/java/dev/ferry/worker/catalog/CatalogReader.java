package dev.ferry.worker.catalog;

import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what {@code information_schema} says about the tables of a {@link Scope}: one query per
 * kind (tables, columns, unique keys, foreign keys) for the whole scope, never one per table, so
 * a schema of 10,000 tables costs as many queries as one of three.
 */
public final class CatalogReader {

  private static final String TABLES = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_ROWS,"
      + " TABLE_COLLATION FROM information_schema.TABLES WHERE %s";
  private static final String COLUMNS = "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME,"
      + " ORDINAL_POSITION, DATA_TYPE, COLUMN_TYPE, CHARACTER_SET_NAME, COLLATION_NAME,"
      + " IS_NULLABLE, EXTRA, COLUMN_COMMENT FROM information_schema.COLUMNS WHERE %s"
      + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";
  private static final String UNIQUE_KEYS = "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME,"
      + " COLUMN_NAME, SUB_PART FROM information_schema.STATISTICS WHERE NON_UNIQUE = 0 AND %s"
      + " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME <> 'PRIMARY', INDEX_NAME, SEQ_IN_INDEX";
  private static final String FOREIGN_KEYS = "SELECT CONSTRAINT_SCHEMA, TABLE_NAME,"
      + " CONSTRAINT_NAME, UNIQUE_CONSTRAINT_SCHEMA, REFERENCED_TABLE_NAME"
      + " FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE (%s) OR (%s)"
      + " ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME";

  /** Receives one row. */
  @FunctionalInterface
  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  private CatalogReader() {}

  /** The tables of {@code scope} with their columns and unique keys (two queries). */
  public static Catalog read(Connection connection, Scope scope) throws SQLException {
    Map<TableRef, List<CatalogColumn>> columns = columns(connection, scope);
    Map<TableRef, List<UniqueKey>> keys = uniqueKeys(connection, scope);
    Map<TableRef, CatalogTable> tables = new LinkedHashMap<>();
    columns.forEach((ref, list) ->
        tables.put(ref, new CatalogTable(ref, list, keys.getOrDefault(ref, List.of()))));
    return new Catalog(tables);
  }

  /** The tables (and views) of {@code scope} as information_schema.TABLES lists them. */
  public static Map<TableRef, TableInfo> tables(Connection connection, Scope scope)
      throws SQLException {
    Map<TableRef, TableInfo> tables = new LinkedHashMap<>();
    query(connection, String.format(TABLES, scope.where("TABLE_SCHEMA", "TABLE_NAME")), scope,
        rs -> {
          TableRef ref = ref(rs);
          tables.put(ref, new TableInfo(ref, rs.getString(3), rs.getLong(4), rs.getString(5)));
        });
    return tables;
  }

  /** The columns of every table of {@code scope}, each table's in ordinal order. */
  public static Map<TableRef, List<CatalogColumn>> columns(Connection connection, Scope scope)
      throws SQLException {
    Map<TableRef, List<CatalogColumn>> columns = new LinkedHashMap<>();
    query(connection, String.format(COLUMNS, scope.where("TABLE_SCHEMA", "TABLE_NAME")), scope,
        rs -> {
          String extra = rs.getString(10) == null ? ""
              : rs.getString(10).toUpperCase(Locale.ROOT);
          columns.computeIfAbsent(ref(rs), t -> new ArrayList<>()).add(new CatalogColumn(
              rs.getString(3), rs.getInt(4), rs.getString(5).toLowerCase(Locale.ROOT),
              rs.getString(6), rs.getString(7), rs.getString(8), "YES".equals(rs.getString(9)),
              extra.contains("VIRTUAL GENERATED") || extra.contains("STORED GENERATED")
                  || extra.contains("PERSISTENT GENERATED"),
              extra.contains("DEFAULT_GENERATED"), rs.getString(11)));
        });
    return columns;
  }

  /** The unique indexes of every table of {@code scope}, the primary key first. */
  public static Map<TableRef, List<UniqueKey>> uniqueKeys(Connection connection, Scope scope)
      throws SQLException {
    Map<TableRef, Map<String, List<String>>> columns = new LinkedHashMap<>();
    Map<TableRef, Map<String, Boolean>> prefixes = new HashMap<>();
    query(connection, String.format(UNIQUE_KEYS, scope.where("TABLE_SCHEMA", "TABLE_NAME")),
        scope, rs -> {
          TableRef ref = ref(rs);
          String index = rs.getString(3);
          String column = rs.getString(4);
          columns.computeIfAbsent(ref, t -> new LinkedHashMap<>())
              .computeIfAbsent(index, i -> new ArrayList<>()).add(column);
          prefixes.computeIfAbsent(ref, t -> new HashMap<>())
              .merge(index, rs.getObject(5) != null || column == null, Boolean::logicalOr);
        });
    Map<TableRef, List<UniqueKey>> keys = new LinkedHashMap<>();
    columns.forEach((ref, indexes) -> {
      List<UniqueKey> list = new ArrayList<>();
      indexes.forEach((name, parts) ->
          list.add(new UniqueKey(name, parts, prefixes.get(ref).get(name))));
      keys.put(ref, List.copyOf(list));
    });
    return keys;
  }

  /**
   * The foreign keys that a table of {@code scope} holds or is referenced by (a key between
   * two schemas counts for both).
   */
  public static List<ForeignKey> foreignKeys(Connection connection, Scope scope)
      throws SQLException {
    List<ForeignKey> keys = new ArrayList<>();
    if (scope.empty()) {
      return keys;
    }
    String sql = String.format(FOREIGN_KEYS, scope.where("CONSTRAINT_SCHEMA", "TABLE_NAME"),
        scope.where("UNIQUE_CONSTRAINT_SCHEMA", "REFERENCED_TABLE_NAME"));
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      scope.bind(statement, scope.bind(statement, 1));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          keys.add(new ForeignKey(rs.getString(3), ref(rs),
              new TableRef(rs.getString(4), rs.getString(5))));
        }
      }
    }
    return keys;
  }

  private static TableRef ref(ResultSet rs) throws SQLException {
    return new TableRef(rs.getString(1), rs.getString(2));
  }

  private static void query(Connection connection, String sql, Scope scope, Row row)
      throws SQLException {
    if (scope.empty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      scope.bind(statement, 1);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
    }
  }
}
