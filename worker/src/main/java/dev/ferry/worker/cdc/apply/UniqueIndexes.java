package dev.ferry.worker.cdc.apply;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.worker.catalog.TableRef;
import dev.ferry.worker.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    Map<String, List<String>> columns = new LinkedHashMap<>();
    Map<String, Boolean> prefixes = new HashMap<>();
    try (Connection connection = target.connection();
        PreparedStatement statement = connection.prepareStatement("SELECT INDEX_NAME,"
            + " COLUMN_NAME, SUB_PART FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?"
            + " AND TABLE_NAME = ? AND NON_UNIQUE = 0 ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
      statement.setString(1, table.schema());
      statement.setString(2, table.table());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          String column = rs.getString(2);
          columns.computeIfAbsent(name, n -> new ArrayList<>()).add(column == null ? "" : column);
          prefixes.merge(name, rs.getObject(3) != null || column == null, Boolean::logicalOr);
        }
      }
    } catch (SQLException e) {
      throw new FerryException(FailureClassifier.classify(e), "Could not read the unique indexes"
          + " of target table " + table.sql() + ": " + e.getMessage(), e);
    }
    List<Index> result = new ArrayList<>();
    columns.forEach((name, names) -> result.add(new Index(name, List.copyOf(names),
        prefixes.get(name))));
    return List.copyOf(result);
  }
}
