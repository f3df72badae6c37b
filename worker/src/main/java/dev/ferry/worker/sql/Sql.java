package dev.ferry.worker.sql;

/**
 * Quoting of identifiers for SQL text the engine builds. Values always travel as statement
 * parameters, never as text.
 */
public final class Sql {

  private Sql() {}

  /** {@code name} as a quoted identifier: {@code `na``me`}. */
  public static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** {@code `schema`.`table`}. */
  public static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }
}
