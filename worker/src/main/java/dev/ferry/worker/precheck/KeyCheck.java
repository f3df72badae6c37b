package dev.ferry.worker.precheck;

import dev.ferry.worker.catalog.Catalog;
import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.TableRef;
import java.sql.SQLException;
import java.util.List;

/**
 * Finds migrated tables without a primary key or a unique key over NOT NULL columns (no
 * {@link dev.ferry.worker.catalog.CatalogTable#key}): their rows have no identity, so they are
 * reported as a warning rather than silently duplicated.
 */
final class KeyCheck {

  private KeyCheck() {}

  static Finding check(SourceServer source) throws SQLException {
    List<TableRef> keyless = keyless(source);
    if (keyless.isEmpty()) {
      return Finding.pass("every migrated table has a primary key or a unique NOT NULL key");
    }
    return Finding.warn(keyless.size() + " table(s) have no primary key and no unique key over "
            + "NOT NULL columns: " + Listing.of(keyless) + "; their rows can only be matched by "
            + "all columns, so changes to them are slower and identical rows cannot be told apart",
        "add a primary key (for example an AUTO_INCREMENT id column) to these tables before the "
            + "migration, or accept the warning");
  }

  /** The migrated tables of {@code source} without a usable key (the catalog's key rule). */
  static List<TableRef> keyless(SourceServer source) throws SQLException {
    List<TableRef> tables = source.tables().stream().map(TableMapping::source).toList();
    Catalog catalog = CatalogReader.read(source.connection(), Scope.schemasOf(tables));
    return tables.stream().filter(table -> catalog.table(table)
        .map(t -> t.key().isEmpty()).orElse(true)).toList();
  }
}
