package dev.ferry.worker.target;

import dev.ferry.worker.catalog.EnumMembers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the error value of an ENUM column exactly. A server whose SQL mode is not strict stores
 * a value outside the column's list as the empty string with index 0; strict mode, which Ferry
 * keeps on the target so that a value that does not fit fails instead of being changed, refuses
 * to write it. A statement that writes it therefore runs with the session's SQL mode minus
 * {@code STRICT_TRANS_TABLES} and {@code STRICT_ALL_TABLES}, and every warning it raises must be
 * the truncation of one of those ENUM columns: any other warning fails the statement as strict
 * mode would have (the caller's transaction is then rolled back).
 */
public final class EnumErrorWrites {

  private static final Set<String> STRICT = Set.of("STRICT_TRANS_TABLES", "STRICT_ALL_TABLES");
  private static final int TRUNCATED = 1265;
  private static final int MAX_CHECKED = 64;
  private static final Pattern COLUMN = Pattern.compile("column '((?:[^']|'')*)'");

  private EnumErrorWrites() {}

  /** A statement's work, run under the relaxed SQL mode; it may throw {@code E} too. */
  @FunctionalInterface
  public interface Write<T, E extends Exception> {
    T run() throws SQLException, E;
  }

  /**
   * Whether an empty value in a column of this type is the ENUM error value: the column is an
   * ENUM ({@code information_schema.COLUMNS.DATA_TYPE}) whose {@code COLUMN_TYPE} declares no
   * empty member.
   */
  public static boolean emptyIsErrorValue(String dataType, String columnType) {
    return "enum".equalsIgnoreCase(dataType) && !EnumMembers.of(columnType).contains("");
  }

  /** {@code sqlMode} without strict mode. */
  static String relaxed(String sqlMode) {
    return Arrays.stream(sqlMode.split(","))
        .filter(mode -> !mode.isBlank() && !STRICT.contains(mode.trim().toUpperCase(Locale.ROOT)))
        .collect(Collectors.joining(","));
  }

  /**
   * Runs {@code write} on {@code connection} without strict mode, then checks its warnings and
   * gives the session {@code sqlMode} back.
   *
   * @param sqlMode the session's SQL mode, restored afterwards
   * @param enumColumns the target names of the ENUM columns that receive the error value
   * @throws SQLException when the write raised any other warning, naming it
   */
  public static <T, E extends Exception> T run(Connection connection, String sqlMode,
      Set<String> enumColumns, Write<T, E> write) throws SQLException, E {
    setSqlMode(connection, relaxed(sqlMode));
    try {
      T result = write.run();
      checkWarnings(connection, enumColumns);
      return result;
    } finally {
      setSqlMode(connection, sqlMode);
    }
  }

  /** Whether a warning is the truncation that writing these ENUM columns' error value raises. */
  public static boolean expected(int code, String message, Set<String> enumColumns) {
    String column = column(message);
    return code == TRUNCATED && enumColumns.stream().anyMatch(column::equalsIgnoreCase);
  }

  /**
   * Fails unless every warning of the last statement is an expected truncation. Reads SHOW
   * WARNINGS only: on MySQL a {@code SELECT @@warning_count} first would empty the list.
   */
  private static void checkWarnings(Connection connection, Set<String> enumColumns)
      throws SQLException {
    List<String> unexpected = new ArrayList<>();
    int shown = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW WARNINGS LIMIT " + MAX_CHECKED)) {
      while (rs.next()) {
        shown++;
        if (!expected(rs.getInt(2), rs.getString(3), enumColumns)) {
          unexpected.add(rs.getString(3));
        }
      }
    }
    if (shown == MAX_CHECKED) {
      unexpected.add("more than " + (MAX_CHECKED - 1) + " warnings");
    }
    if (!unexpected.isEmpty()) {
      throw new SQLException("values did not fit the target table ("
          + String.join("; ", unexpected.subList(0, Math.min(3, unexpected.size())))
          + "); make the target columns match the source's types", "22000");
    }
  }

  private static String column(String message) {
    Matcher matcher = COLUMN.matcher(message == null ? "" : message);
    return matcher.find() ? matcher.group(1).replace("''", "'") : "";
  }

  private static void setSqlMode(Connection connection, String sqlMode) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SET SESSION sql_mode = ?")) {
      statement.setString(1, sqlMode);
      statement.execute();
    }
  }
}
