package dev.ferry.testing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Quoting and result reading shared by the server classes. */
final class Sql {

  private Sql() {}

  /** A quoted identifier, such as a schema name. */
  static String identifier(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** A quoted string literal. */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  /** An account name, {@code 'user'@'host'}. */
  static String account(String user, String host) {
    return literal(user) + "@" + literal(host);
  }

  /** All rows of a query; values as the driver returns them, nulls kept. */
  static List<List<Object>> rows(Statement statement, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (result.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = result.getObject(i + 1);
        }
        rows.add(Collections.unmodifiableList(Arrays.asList(row)));
      }
      return Collections.unmodifiableList(rows);
    }
  }
}
