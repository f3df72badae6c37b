package dev.ferry.worker.precheck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A server's global variables, read once with {@code SHOW GLOBAL VARIABLES}. */
final class ServerVariables {

  private final Map<String, String> values;

  private ServerVariables(Map<String, String> values) {
    this.values = values;
  }

  static ServerVariables read(Connection connection) throws SQLException {
    Map<String, String> values = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW GLOBAL VARIABLES")) {
      while (rs.next()) {
        values.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
      }
    }
    return new ServerVariables(values);
  }

  /** The value, when the server has the variable. */
  Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** Whether the variable is ON (or 1); false when the server lacks it. */
  boolean isOn(String name) {
    return get(name).map(v -> v.equalsIgnoreCase("ON") || v.equals("1")).orElse(false);
  }

  /** The value as a number, when present and numeric. */
  Optional<Long> number(String name) {
    return get(name).flatMap(v -> {
      try {
        return Optional.of(Math.round(Double.parseDouble(v)));
      } catch (NumberFormatException notNumeric) {
        return Optional.empty();
      }
    });
  }
}
