package dev.ferry.worker.fullload;

import static java.util.stream.Collectors.joining;

import dev.ferry.worker.catalog.KeyRange;
import dev.ferry.worker.sql.Sql;
import java.util.Collections;
import java.util.List;

/**
 * The SQL that reads a chunk from the source and writes it to the target. Reads select the
 * writable columns (generated ones are left for the target to compute) in key order, within the
 * chunk's key range and the table's {@code where} filter. Writes keep rows the target already
 * has with the same key ({@code ON DUPLICATE KEY UPDATE k = k} is a no-op; unlike INSERT IGNORE
 * it does not hide conversion errors).
 */
final class RowStatements {

  private RowStatements() {}

  /** SELECT of one chunk; parameters are those of {@link KeyRange#bind}. */
  static String select(TableShape shape, KeyRange range) {
    List<Column> columns = shape.writable();
    String sql = "SELECT " + columns.stream().map(Column::selectExpression).collect(joining(", "))
        + " FROM " + shape.mapping().source().sql()
        + " WHERE " + range.condition(shape.keyColumns());
    if (shape.mapping().where() != null) {
      sql += " AND (" + shape.mapping().where() + ")";
    }
    if (shape.keyed()) {
      sql += " ORDER BY " + shape.key().stream().map(c -> Sql.quote(c.name()))
          .collect(joining(", "));
    }
    return sql;
  }

  /** INSERT of one row into the target table, for batching. */
  static String insert(TableShape shape) {
    List<Column> columns = shape.writable();
    Column noOp = shape.keyed() ? shape.key().get(0) : columns.get(0);
    return "INSERT INTO " + shape.mapping().target().sql() + " ("
        + columns.stream().map(c -> Sql.quote(c.targetName())).collect(joining(", "))
        + ") VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?"))
        + ") ON DUPLICATE KEY UPDATE " + Sql.quote(noOp.targetName()) + " = "
        + Sql.quote(noOp.targetName());
  }
}
