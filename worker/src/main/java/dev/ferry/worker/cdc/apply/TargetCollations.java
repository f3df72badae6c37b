package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.catalog.CatalogColumn;
import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The collations of the character columns of target tables, by lower-case column name, read
 * from {@code information_schema.COLUMNS} for a whole schema at once ({@link SchemaWide}) and
 * forgotten after a DDL: causality keys fold string values the way the target compares them
 * (see {@link CollationFold}).
 */
final class TargetCollations {

  private final SchemaWide<Map<String, String>> collations;

  TargetCollations(Database target) {
    this.collations = new SchemaWide<>(target, "the columns", TargetCollations::read, Map.of());
  }

  /** The collations of {@code table}'s character columns; empty when it does not exist. */
  Map<String, String> of(TableRef table) {
    return collations.of(table);
  }

  /** Forgets what was read: a DDL may have changed the columns. */
  void forget() {
    collations.forget();
  }

  private static Map<String, Map<String, String>> read(Connection connection, String schema)
      throws SQLException {
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    CatalogReader.columns(connection, Scope.schemas(List.of(schema))).forEach(
        (table, columns) -> {
          Map<String, String> byColumn = new HashMap<>();
          for (CatalogColumn column : columns) {
            if (column.collation() != null) {
              byColumn.put(column.name().toLowerCase(Locale.ROOT), column.collation());
            }
          }
          result.put(table.table(), Map.copyOf(byColumn));
        });
    return result;
  }
}
