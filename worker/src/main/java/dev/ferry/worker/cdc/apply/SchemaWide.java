package dev.ferry.worker.cdc.apply;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.Sql;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Something the target's catalog says of each table, read for a whole schema at once when a
 * table of it is first asked for (one query per schema, however many of its tables the stream
 * changes), and forgotten together after a DDL. A table is looked up by its exact name first,
 * then ignoring case (as the servers' information_schema compares names).
 *
 * @param <V> what is known of one table
 */
final class SchemaWide<V> {

  /** Reads the values of every table of one schema, by table name. */
  @FunctionalInterface
  interface Reader<V> {
    Map<String, V> read(Connection connection, String schema) throws SQLException;
  }

  private final Database target;
  private final String what;
  private final Reader<V> reader;
  private final V none;
  private final Map<String, Tables<V>> schemas = new HashMap<>();

  /**
   * @param what what is read, for errors ("the unique indexes")
   * @param none the value of a table the schema does not show
   */
  SchemaWide(Database target, String what, Reader<V> reader, V none) {
    this.target = target;
    this.what = what;
    this.reader = reader;
    this.none = none;
  }

  /** The value of {@code table}; {@code none} when its schema does not show it. */
  V of(TableRef table) {
    return schemas.computeIfAbsent(table.schema(), schema -> read(schema, table))
        .of(table.table(), none);
  }

  /** Forgets what was read: a DDL may have changed it. */
  void forget() {
    schemas.clear();
  }

  private Tables<V> read(String schema, TableRef asked) {
    try (Connection connection = target.connection()) {
      return new Tables<>(reader.read(connection, schema));
    } catch (SQLException e) {
      throw new FerryException(FailureClassifier.classify(e), "Could not read " + what
          + " of the target tables in schema " + Sql.quote(schema) + " (for " + asked.sql()
          + "): " + e.getMessage(), e);
    }
  }

  /** The values of one schema's tables, by exact and by lower-case name (the first wins). */
  private record Tables<V>(Map<String, V> exact, Map<String, V> folded) {

    Tables(Map<String, V> exact) {
      this(exact, new HashMap<>());
      exact.forEach((name, value) -> folded.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
    }

    V of(String table, V none) {
      V value = exact.get(table);
      if (value == null) {
        value = folded.get(table.toLowerCase(Locale.ROOT));
      }
      return value == null ? none : value;
    }
  }
}
