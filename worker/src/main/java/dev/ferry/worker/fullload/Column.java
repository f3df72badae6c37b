package dev.ferry.worker.fullload;

import dev.ferry.worker.sql.Sql;
import java.util.List;

/**
 * One column of a source table as the full load sees it.
 *
 * @param name source column name
 * @param targetName column name on the target (after renames and name case)
 * @param kind how its values travel
 * @param generated whether the server computes it (never written; the target computes it too)
 */
record Column(String name, String targetName, ValueKind kind, boolean generated) {

  /** For each of {@code columns}, whether its values travel as bytes. */
  static boolean[] binary(List<Column> columns) {
    boolean[] binary = new boolean[columns.size()];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = columns.get(i).kind() == ValueKind.BINARY;
    }
    return binary;
  }

  /** The expression that reads the column exactly. */
  String selectExpression() {
    return kind == ValueKind.FLOAT ? "(" + Sql.quote(name) + " * 1e0)" : Sql.quote(name);
  }
}
