package dev.ferry.worker.cdc.apply;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.worker.catalog.CatalogColumn;
import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The collations of the character columns of target tables, by lower-case column name, read
 * once per table from {@code information_schema.COLUMNS} and forgotten after a DDL: causality
 * keys fold string values the way the target compares them (see {@link CollationFold}).
 */
final class TargetCollations {

  private final Database target;
  private final Map<TableRef, Map<String, String>> collations = new HashMap<>();

  TargetCollations(Database target) {
    this.target = target;
  }

  /** The collations of {@code table}'s character columns; empty when it does not exist. */
  Map<String, String> of(TableRef table) {
    return collations.computeIfAbsent(table, this::read);
  }

  /** Forgets what was read: a DDL may have changed the columns. */
  void forget() {
    collations.clear();
  }

  private Map<String, String> read(TableRef table) {
    try (Connection connection = target.connection()) {
      Map<String, String> result = new HashMap<>();
      for (List<CatalogColumn> columns : CatalogReader.columns(connection, Scope.table(table))
          .values()) {
        for (CatalogColumn column : columns) {
          if (column.collation() != null) {
            result.put(column.name().toLowerCase(Locale.ROOT), column.collation());
          }
        }
      }
      return Map.copyOf(result);
    } catch (SQLException e) {
      throw new FerryException(FailureClassifier.classify(e), "Could not read the columns of"
          + " target table " + table.sql() + ": " + e.getMessage(), e);
    }
  }
}
