package dev.ferry.worker.cdc.apply;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.catalog.UniqueKey;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The unique indexes of target tables (primary key included), read once per table from
 * {@code information_schema.STATISTICS} and forgotten after a DDL. Two transactions that write
 * the same value into a unique index must keep their order even when their rows have different
 * keys, or the later one may hit a duplicate key error in another lane first.
 */
final class UniqueIndexes {

  private final Database target;
  private final Map<TableRef, List<Index>> indexes = new HashMap<>();

  UniqueIndexes(Database target) {
    this.target = target;
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
    return indexes.computeIfAbsent(table, this::read);
  }

  /** Forgets what was read: a DDL may have changed the indexes. */
  void forget() {
    indexes.clear();
  }

  private List<Index> read(TableRef table) {
    try (Connection connection = target.connection()) {
      List<Index> result = new ArrayList<>();
      for (List<UniqueKey> keys : CatalogReader.uniqueKeys(connection, Scope.table(table))
          .values()) {
        keys.forEach(key -> result.add(new Index(key.name(), key.columns().stream()
            .map(c -> c == null ? "" : c).toList(), key.prefix())));
      }
      return List.copyOf(result);
    } catch (SQLException e) {
      throw new FerryException(FailureClassifier.classify(e), "Could not read the unique indexes"
          + " of target table " + table.sql() + ": " + e.getMessage(), e);
    }
  }
}
