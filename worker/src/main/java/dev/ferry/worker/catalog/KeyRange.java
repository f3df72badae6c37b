package dev.ferry.worker.catalog;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one chunk: key from {@code lower} (inclusive) up to {@code upper} (exclusive); a
 * null bound is open. This is the one bound convention of every chunk (full load, validation):
 * a bound is the first key of its chunk, so consecutive ranges share their bound and cover
 * every key exactly once. Conditions are expanded row comparisons
 * ({@code a > ? OR (a = ? AND b >= ?)}) so that servers use the key's index.
 */
public record KeyRange(KeyTuple lower, KeyTuple upper) {

  /** The whole table. */
  public static final KeyRange ALL = new KeyRange(null, null);

  /** SQL condition selecting the range over the quoted key {@code columns}; "1 = 1" for all. */
  public String condition(List<String> columns) {
    List<String> parts = new ArrayList<>();
    if (lower != null) {
      parts.add("(" + KeyComparison.expanded(columns, ">", ">=") + ")");
    }
    if (upper != null) {
      parts.add("(" + KeyComparison.expanded(columns, "<", "<") + ")");
    }
    return parts.isEmpty() ? "1 = 1" : String.join(" AND ", parts);
  }

  /**
   * Binds the parameters of {@link #condition} from {@code first}; returns the next index.
   *
   * @param binary for each key column, whether its values travel as bytes
   */
  public int bind(PreparedStatement statement, int first, List<Boolean> binary)
      throws SQLException {
    int parameter = first;
    if (lower != null) {
      parameter = bindCompare(statement, parameter, lower, binary);
    }
    if (upper != null) {
      parameter = bindCompare(statement, parameter, upper, binary);
    }
    return parameter;
  }

  /** Binds one expanded comparison: every column twice but the last once. */
  static int bindCompare(PreparedStatement statement, int first, KeyTuple tuple,
      List<Boolean> binary) throws SQLException {
    int parameter = first;
    for (int i = 0; i < binary.size(); i++) {
      tuple.bind(statement, parameter++, i, binary.get(i));
      if (i < binary.size() - 1) {
        tuple.bind(statement, parameter++, i, binary.get(i));
      }
    }
    return parameter;
  }
}
