package dev.ferry.worker.catalog;

import dev.ferry.worker.db.Sql;

/** A table by schema and name. */
public record TableRef(String schema, String table) {

  /** The quoted, qualified name for SQL: {@code `schema`.`table`}. */
  public String sql() {
    return Sql.qualified(schema, table);
  }

  @Override
  public String toString() {
    return schema + "." + table;
  }
}
