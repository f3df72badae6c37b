package dev.ferry.worker.precheck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The current user's privileges as {@code SHOW GRANTS} prints them (MySQL and MariaDB forms):
 * global ones ({@code ON *.*}) and per-schema ones ({@code ON `db`.*}, with the {@code _} and
 * {@code %} wildcards grants allow). Column, table and routine grants do not count. Privileges
 * that come from roles are not expanded: {@link #viaRoles()} says when there are any.
 */
final class Grants {

  private static final Pattern GRANT_ON = Pattern.compile("^GRANT (.+?) ON (.+?) TO .*",
      Pattern.DOTALL);
  private static final Pattern SCHEMA_OBJECT = Pattern.compile("^`((?:[^`]|``)+)`\\.\\*$");
  private static final String ALL = "ALL PRIVILEGES";

  private final Set<String> global;
  private final Map<String, Set<String>> schemas;
  private final boolean viaRoles;

  private Grants(Set<String> global, Map<String, Set<String>> schemas, boolean viaRoles) {
    this.global = global;
    this.schemas = schemas;
    this.viaRoles = viaRoles;
  }

  /** Reads the grants of the connection's user. */
  static Grants read(Connection connection) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW GRANTS")) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return parse(lines);
  }

  /** Parses {@code SHOW GRANTS} lines. */
  static Grants parse(List<String> lines) {
    Set<String> global = new HashSet<>();
    Map<String, Set<String>> schemas = new HashMap<>();
    boolean viaRoles = false;
    for (String line : lines) {
      Matcher grant = GRANT_ON.matcher(line.trim());
      if (!grant.matches()) {
        viaRoles |= line.trim().startsWith("GRANT ");
        continue;
      }
      Set<String> privileges = privileges(grant.group(1));
      String object = grant.group(2).trim();
      Matcher schema = SCHEMA_OBJECT.matcher(object);
      if (object.equals("*.*")) {
        global.addAll(privileges);
      } else if (schema.matches()) {
        schemas.computeIfAbsent(schema.group(1).replace("``", "`"), key -> new HashSet<>())
            .addAll(privileges);
      }
    }
    return new Grants(global, schemas, viaRoles);
  }

  /** Whether the user holds {@code privilege} globally. */
  boolean hasGlobal(String privilege) {
    return global.contains(ALL) || global.contains(privilege);
  }

  /** Which of {@code privileges} the user lacks on every table of {@code schema}. */
  Set<String> missingOnSchema(String schema, Collection<String> privileges) {
    Set<String> missing = new LinkedHashSet<>();
    for (String privilege : privileges) {
      boolean granted = hasGlobal(privilege) || schemas.entrySet().stream()
          .anyMatch(entry -> schemaPattern(entry.getKey()).matcher(schema).matches()
              && (entry.getValue().contains(ALL) || entry.getValue().contains(privilege)));
      if (!granted) {
        missing.add(privilege);
      }
    }
    return missing;
  }

  /** Whether the user was granted roles, whose privileges this view does not include. */
  boolean viaRoles() {
    return viaRoles;
  }

  /** Privilege names of a grant, upper case; column privileges ({@code SELECT (a)}) left out. */
  private static Set<String> privileges(String list) {
    Set<String> privileges = new HashSet<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    boolean columns = false;
    for (char c : (list + ",").toCharArray()) {
      if (c == '(') {
        depth++;
        columns = true;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        String name = current.toString().trim().toUpperCase(Locale.ROOT);
        if (!columns && !name.isEmpty()) {
          privileges.add(name.equals("ALL") ? ALL : name);
        }
        current.setLength(0);
        columns = false;
      } else if (depth == 0) {
        current.append(c);
      }
    }
    return privileges;
  }

  /** A schema name in a grant as a regex: {@code _} and {@code %} are wildcards unless escaped. */
  private static Pattern schemaPattern(String name) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\' && i + 1 < name.length()) {
        regex.append(Pattern.quote(String.valueOf(name.charAt(++i))));
      } else if (c == '_') {
        regex.append('.');
      } else if (c == '%') {
        regex.append(".*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
