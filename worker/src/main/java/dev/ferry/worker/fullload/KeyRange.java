package dev.ferry.worker.fullload;

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
      parts.add("(" + compare(key, 0, ">", ">") + ")");
    }
    if (upper != null) {
      parts.add("(" + compare(key, 0, "<", "<=") + ")");
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

  /** {@code k0 op ? OR (k0 = ? AND (k1 op ? OR (...)))}, with {@code last} on the last column. */
  static String compare(List<Column> key, int index, String op, String last) {
    String column = Sql.quote(key.get(index).name());
    if (index == key.size() - 1) {
      return column + " " + last + " ?";
    }
    return column + " " + op + " ? OR (" + column + " = ? AND ("
        + compare(key, index + 1, op, last) + "))";
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
}
