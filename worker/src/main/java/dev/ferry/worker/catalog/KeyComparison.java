package dev.ferry.worker.catalog;

import java.util.List;

/**
 * Comparisons of a composite key with a tuple of parameters, written as expanded row
 * comparisons ({@code a > ? OR (a = ? AND b > ?)}) rather than {@code (a, b) > (?, ?)}, which
 * older servers cannot resolve with the key's index.
 */
final class KeyComparison {

  private KeyComparison() {}

  /**
   * {@code k0 op ? OR (k0 = ? AND (k1 op ? OR (...)))} with {@code lastOp} on the last column;
   * every column takes two parameters but the last, which takes one.
   *
   * @param quotedColumns the key columns, already quoted
   */
  static String expanded(List<String> quotedColumns, String op, String lastOp) {
    return expanded(quotedColumns, 0, op, lastOp);
  }

  private static String expanded(List<String> columns, int index, String op, String lastOp) {
    String column = columns.get(index);
    if (index == columns.size() - 1) {
      return column + " " + lastOp + " ?";
    }
    return column + " " + op + " ? OR (" + column + " = ? AND ("
        + expanded(columns, index + 1, op, lastOp) + "))";
  }
}
