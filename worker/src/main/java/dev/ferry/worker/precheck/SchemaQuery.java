package dev.ferry.worker.precheck;

import dev.ferry.worker.catalog.TableMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * Runs an information_schema query limited to some schemas: the {@code %s} in the SQL becomes a
 * list of parameters bound to the schema names.
 */
final class SchemaQuery {

  /** Receives one row. */
  @FunctionalInterface
  interface RowHandler {
    void row(ResultSet rs) throws SQLException;
  }

  private SchemaQuery() {}

  /** The distinct source schemas of {@code tables}, in name order. */
  static List<String> sourceSchemas(Collection<TableMapping> tables) {
    return List.copyOf(new TreeSet<>(tables.stream().map(t -> t.source().schema()).toList()));
  }

  /** Runs {@code sql} for {@code schemas}; nothing when there are none. */
  static void forEachRow(Connection connection, String sql, Collection<String> schemas,
      RowHandler handler) throws SQLException {
    if (schemas.isEmpty()) {
      return;
    }
    String placeholders = String.join(", ", Collections.nCopies(schemas.size(), "?"));
    try (PreparedStatement statement =
            connection.prepareStatement(String.format(sql, placeholders))) {
      int i = 1;
      for (String schema : schemas) {
        statement.setString(i++, schema);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          handler.row(rs);
        }
      }
    }
  }
}
