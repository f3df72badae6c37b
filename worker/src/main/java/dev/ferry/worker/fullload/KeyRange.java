package dev.ferry.worker.fullload;

import dev.ferry.worker.db.KeyComparison;
import dev.ferry.worker.db.Sql;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one chunk: key after {@code lower} (exclusive) up to {@code upper} (inclusive);
 * a null bound is open. Conditions are written as expanded row comparisons
 * ({@code a > ? OR (a = ? AND b > ?)}) so that servers use the key's index.
 */
record KeyRange(KeyTuple lower, KeyTuple upper) {

  /** The whole table. */
  static final KeyRange ALL = new KeyRange(null, null);

  /** SQL conditions (joined with AND) selecting the range; "1 = 1" for the whole table. */
  String condition(List<Column> key) {
    List<String> parts = new ArrayList<>();
    if (lower != null) {
      parts.add("(" + KeyComparison.expanded(quoted(key), ">", ">") + ")");
    }
    if (upper != null) {
      parts.add("(" + KeyComparison.expanded(quoted(key), "<", "<=") + ")");
    }
    return parts.isEmpty() ? "1 = 1" : String.join(" AND ", parts);
  }

  /** Binds the parameters of {@link #condition} from {@code first}; returns the next index. */
  int bind(PreparedStatement statement, int first, List<Column> key) throws SQLException {
    int parameter = first;
    if (lower != null) {
      parameter = bindCompare(statement, parameter, lower, key);
    }
    if (upper != null) {
      parameter = bindCompare(statement, parameter, upper, key);
    }
    return parameter;
  }

  /** Binds a comparison written by {@link #compare}: every column twice but the last once. */
  static int bindCompare(PreparedStatement statement, int first, KeyTuple tuple, List<Column> key)
      throws SQLException {
    int parameter = first;
    for (int i = 0; i < key.size(); i++) {
      tuple.bind(statement, parameter++, i, key);
      if (i < key.size() - 1) {
        tuple.bind(statement, parameter++, i, key);
      }
    }
    return parameter;
  }

  private static List<String> quoted(List<Column> key) {
    return key.stream().map(column -> Sql.quote(column.name())).toList();
  }
}
