package dev.ferry.worker.cdc.apply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The SQL text of row writes on a target table, with every value a parameter and every
 * identifier quoted (the table's names come quoted).
 */
final class WriteSql {

  private WriteSql() {}

  /** {@code verb} (INSERT or REPLACE) of {@code rows} rows of the written columns. */
  static String insert(String verb, TargetTable table, int rows) {
    return verb + " INTO " + table.target().sql() + " (" + String.join(", ", table.writtenNames())
        + ") VALUES " + String.join(", ", Collections.nCopies(rows, row(table.written().length)));
  }

  /**
   * INSERT of {@code rows} rows that, for a row whose key exists, sets its other written columns
   * instead (affecting 2 rows per changed row, 1 per inserted or, with found rows, unchanged one).
   */
  static String rewrite(TargetTable table, int rows) {
    List<String> set = new ArrayList<>();
    for (int i = 0; i < table.written().length; i++) {
      int column = table.written()[i];
      if (Arrays.stream(table.key()).noneMatch(k -> k == column)) {
        String name = table.writtenNames().get(i);
        set.add(name + " = VALUES(" + name + ")");
      }
    }
    return insert("INSERT", table, rows) + " ON DUPLICATE KEY UPDATE " + String.join(", ", set);
  }

  /** UPDATE of every written column of the row with a key. */
  static String update(TargetTable table) {
    return "UPDATE " + table.target().sql() + " SET " + assignments(table) + " WHERE "
        + String.join(" AND ", table.keyNames().stream().map(name -> name + " = ?").toList());
  }

  /** DELETE of {@code rows} rows by key. */
  static String delete(TargetTable table, int rows) {
    String where;
    if (rows == 1) {
      where = String.join(" AND ", table.keyNames().stream().map(name -> name + " = ?").toList());
    } else if (table.key().length == 1) {
      where = table.keyNames().get(0) + " IN ("
          + String.join(", ", Collections.nCopies(rows, "?")) + ")";
    } else {
      where = "(" + String.join(", ", table.keyNames()) + ") IN ("
          + String.join(", ", Collections.nCopies(rows, row(table.key().length))) + ")";
    }
    return "DELETE FROM " + table.target().sql() + " WHERE " + where;
  }

  /** UPDATE of one row equal on every written column. */
  static String updateMatch(TargetTable table) {
    return "UPDATE " + table.target().sql() + " SET " + assignments(table) + " WHERE "
        + match(table) + " LIMIT 1";
  }

  /** DELETE of one row equal on every written column. */
  static String deleteMatch(TargetTable table) {
    return "DELETE FROM " + table.target().sql() + " WHERE " + match(table) + " LIMIT 1";
  }

  private static String row(int columns) {
    return "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
  }

  private static String assignments(TargetTable table) {
    return String.join(", ", table.writtenNames().stream().map(name -> name + " = ?").toList());
  }

  /** NULL-safe equality on every written column. */
  private static String match(TargetTable table) {
    return String.join(" AND ",
        table.writtenNames().stream().map(name -> name + " <=> ?").toList());
  }
}
