package dev.ferry.worker.sql;

/**
 * A table by schema and name; read from SQL text, its schema is the session's default schema
 * when the text names none (null when there is none either).
 */
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
