package dev.ferry.worker.validation;

import dev.ferry.worker.db.KeyComparison;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one chunk: key from {@code lower} (inclusive) up to {@code upper} (exclusive); a
 * null bound is open. Conditions are expanded row comparisons
 * ({@code a > ? OR (a = ? AND b >= ?)}) so that servers use the key's index.
 */
record KeyRange(KeyValues lower, KeyValues upper) {

  /** The whole table. */
  static final KeyRange ALL = new KeyRange(null, null);

  /** SQL condition selecting the range over the quoted key {@code columns}. */
  String condition(List<String> columns) {
    List<String> parts = new ArrayList<>();
    if (lower != null) {
      parts.add("(" + KeyComparison.expanded(columns, ">", ">=") + ")");
    }
    if (upper != null) {
      parts.add("(" + KeyComparison.expanded(columns, "<", "<") + ")");
    }
    return parts.isEmpty() ? "1 = 1" : String.join(" AND ", parts);
  }

  /** Binds the parameters of {@link #condition} from {@code first}; returns the next index. */
  int bind(PreparedStatement statement, int first, List<ComparedColumn> key)
      throws SQLException {
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
  static int bindCompare(PreparedStatement statement, int first, KeyValues values,
      List<ComparedColumn> key) throws SQLException {
    int parameter = first;
    for (int i = 0; i < key.size(); i++) {
      values.bind(statement, parameter++, i, key);
      if (i < key.size() - 1) {
        values.bind(statement, parameter++, i, key);
      }
    }
    return parameter;
  }
}
