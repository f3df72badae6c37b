package dev.ferry.worker.schema;

import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.ServerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sql_mode a view, trigger or routine was created with, reduced to the modes the target
 * server knows: MySQL 8 rejects MariaDB-only modes (EMPTY_STRING_IS_NULL, ...) and the modes
 * it removed (NO_AUTO_CREATE_USER, ORACLE, ...), which MariaDB and MySQL 5.7 still know; MariaDB
 * and MySQL 5.7 reject TIME_TRUNCATE_FRACTIONAL. Unknown modes are dropped and reported.
 */
final class SqlModes {

  private static final Set<String> COMMON = Set.of("REAL_AS_FLOAT", "PIPES_AS_CONCAT",
      "ANSI_QUOTES", "IGNORE_SPACE", "ONLY_FULL_GROUP_BY", "NO_UNSIGNED_SUBTRACTION",
      "NO_DIR_IN_CREATE", "ANSI", "NO_AUTO_VALUE_ON_ZERO", "NO_BACKSLASH_ESCAPES",
      "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE",
      "ALLOW_INVALID_DATES", "ERROR_FOR_DIVISION_BY_ZERO", "TRADITIONAL", "HIGH_NOT_PRECEDENCE",
      "NO_ENGINE_SUBSTITUTION", "PAD_CHAR_TO_FULL_LENGTH");
  private static final Set<String> MYSQL_8_ONLY = Set.of("TIME_TRUNCATE_FRACTIONAL");
  private static final Set<String> REMOVED_IN_MYSQL_8 = Set.of("NO_AUTO_CREATE_USER",
      "NO_FIELD_OPTIONS", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS", "MYSQL323", "MYSQL40",
      "POSTGRESQL", "ORACLE", "MSSQL", "DB2", "MAXDB");
  private static final Set<String> MARIADB_ONLY = Set.of("EMPTY_STRING_IS_NULL",
      "SIMULTANEOUS_ASSIGNMENT", "TIME_ROUND_FRACTIONAL");

  /**
   * @param mode the modes the target accepts, comma-separated
   * @param dropped modes the target does not know
   */
  record Result(String mode, List<String> dropped) {}

  private SqlModes() {}

  /** {@code sqlMode} with only the modes {@code target} knows. */
  static Result forTarget(String sqlMode, ServerInfo target) {
    List<String> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (String mode : (sqlMode == null ? "" : sqlMode).split(",")) {
      String name = mode.trim().toUpperCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      boolean known = COMMON.contains(name) || known(name, target);
      (known ? kept : dropped).add(name);
    }
    return new Result(String.join(",", kept), dropped);
  }

  private static boolean known(String name, ServerInfo target) {
    if (target.flavor() == Flavor.MARIADB) {
      return MARIADB_ONLY.contains(name) || REMOVED_IN_MYSQL_8.contains(name);
    }
    boolean mysql57 = target.flavor() == Flavor.MYSQL && !target.atLeast(8, 0);
    return (mysql57 ? REMOVED_IN_MYSQL_8 : MYSQL_8_ONLY).contains(name);
  }
}
