package dev.ferry.worker.sql;

/**
 * A table named in SQL text, its schema resolved (the session's default schema when the text
 * names none; null when there is none either).
 */
public record TableName(String schema, String table) {

  @Override
  public String toString() {
    return schema + "." + table;
  }
}
