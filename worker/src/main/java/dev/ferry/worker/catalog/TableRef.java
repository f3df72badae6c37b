package dev.ferry.worker.catalog;

import dev.ferry.worker.db.Sql;
import dev.ferry.worker.sql.TableName;

/** A table by schema and name. */
public record TableRef(String schema, String table) {

  /** The table that {@code name}, read from SQL text, names. */
  public static TableRef of(TableName name) {
    return new TableRef(name.schema(), name.table());
  }

  /** The quoted, qualified name for SQL: {@code `schema`.`table`}. */
  public String sql() {
    return Sql.qualified(schema, table);
  }

  @Override
  public String toString() {
    return schema + "." + table;
  }
}
