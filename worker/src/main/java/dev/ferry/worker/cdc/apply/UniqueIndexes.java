package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The unique indexes of target tables (primary key included), read from {@code
 * information_schema.STATISTICS} for a whole schema at once ({@link SchemaWide}) and forgotten
 * after a DDL. Two transactions that write the same value into a unique index must keep their
 * order even when their rows have different keys, or the later one may hit a duplicate key error
 * in another lane first.
 */
final class UniqueIndexes {

  private final SchemaWide<List<Index>> indexes;

  UniqueIndexes(Database target) {
    this.indexes = new SchemaWide<>(target, "the unique indexes", UniqueIndexes::read,
        List.of());
  }

  /**
   * One unique index.
   *
   * @param columns its target column names, in index order
   * @param prefix whether it covers only a prefix of some column, or an expression (such an
   *     index is treated as one key for the whole table, since different values may collide)
   */
  record Index(String name, List<String> columns, boolean prefix) {}

  /** The unique indexes of {@code table} on the target; none when it does not exist. */
  List<Index> of(TableRef table) {
    return indexes.of(table);
  }

  /** Forgets what was read: a DDL may have changed the indexes. */
  void forget() {
    indexes.forget();
  }

  private static Map<String, List<Index>> read(Connection connection, String schema)
      throws SQLException {
    Map<String, List<Index>> result = new LinkedHashMap<>();
    CatalogReader.uniqueKeys(connection, Scope.schemas(List.of(schema))).forEach(
        (table, keys) -> result.put(table.table(), keys.stream().map(key -> new Index(key.name(),
            key.columns().stream().map(c -> c == null ? "" : c).toList(), key.prefix()))
            .toList()));
    return result;
  }
}
