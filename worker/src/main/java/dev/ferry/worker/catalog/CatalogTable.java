package dev.ferry.worker.catalog;

import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table's columns and unique keys as the catalog read them, and the one rule for its
 * identifying key.
 *
 * @param columns in ordinal order
 * @param uniqueKeys the primary key first, then the other unique indexes by name (in the
 *     server's order of index names)
 */
public record CatalogTable(TableRef ref, List<CatalogColumn> columns, List<UniqueKey> uniqueKeys) {

  public CatalogTable {
    columns = List.copyOf(columns);
    uniqueKeys = List.copyOf(uniqueKeys);
  }

  /** The column named {@code name} (column names are case-insensitive), if any. */
  public Optional<CatalogColumn> column(String name) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  /**
   * The key that identifies a row (and splits the table into chunks): the primary key,
   * otherwise the first unique key whose parts are all NOT NULL columns (no expressions),
   * otherwise none. Full load, validation, precheck and CDC all use this rule.
   *
   * @return the key columns in index order; empty when the table has no usable key
   */
  public List<CatalogColumn> key() {
    for (UniqueKey unique : uniqueKeys) {
      List<CatalogColumn> key = new ArrayList<>();
      for (String name : unique.columns()) {
        Optional<CatalogColumn> column = name == null ? Optional.empty() : column(name);
        if (column.isEmpty() || column.get().nullable()) {
          break;
        }
        key.add(column.get());
      }
      if (key.size() == unique.columns().size()) {
        return List.copyOf(key);
      }
    }
    return List.of();
  }
}
