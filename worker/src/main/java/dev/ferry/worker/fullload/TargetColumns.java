package dev.ferry.worker.fullload;

import dev.ferry.worker.catalog.TableRef;
import dev.ferry.worker.db.EnumErrorWrites;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The column types of a target table, for choosing how the load writes each column. */
final class TargetColumns {

  private static final Set<String> RAW_TEXT_REFUSED = Set.of("enum", "set", "json");

  /** One target column: DATA_TYPE (lower case), CHARACTER_SET_NAME and COLUMN_TYPE. */
  private record Type(String dataType, String charset, String columnType) {}

  private final Map<String, Type> types;

  private TargetColumns(Map<String, Type> types) {
    this.types = types;
  }

  /** The columns of {@code table} as the target defines them now. */
  static TargetColumns read(Connection target, TableRef table) throws SQLException {
    Map<String, Type> types = new HashMap<>();
    try (PreparedStatement statement = target.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE,"
        + " CHARACTER_SET_NAME, COLUMN_TYPE FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      statement.setString(1, table.schema());
      statement.setString(2, table.table());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString(1).toLowerCase(Locale.ROOT), new Type(
              rs.getString(2).toLowerCase(Locale.ROOT), rs.getString(3), rs.getString(4)));
        }
      }
    }
    return new TargetColumns(types);
  }

  /**
   * Whether the utf8mb4 text of {@code columns} can go as raw bytes: every text-kind column is,
   * on the target, a utf8mb4 string or no string, and no ENUM, SET or JSON (whose values the
   * servers treat differently when they arrive as binary strings).
   */
  boolean rawText(List<Column> columns) {
    for (Column column : columns) {
      if (column.kind() == ValueKind.BINARY) {
        continue;
      }
      Type type = type(column);
      if (type == null || RAW_TEXT_REFUSED.contains(type.dataType())
          || (type.charset() != null && !"utf8mb4".equalsIgnoreCase(type.charset()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * For each of {@code columns}, whether an empty text means the ENUM error value there: the
   * target column is an ENUM without an empty member, so the source's empty value can only be
   * the value a non-strict server stores for one outside the list (see {@link
   * EnumErrorWrites}).
   */
  boolean[] enumErrorValues(List<Column> columns) {
    boolean[] errors = new boolean[columns.size()];
    for (int i = 0; i < errors.length; i++) {
      Type type = type(columns.get(i));
      errors[i] = type != null
          && EnumErrorWrites.emptyIsErrorValue(type.dataType(), type.columnType());
    }
    return errors;
  }

  /** The target names of the columns flagged in {@code flags}. */
  static Set<String> names(List<Column> columns, boolean[] flags) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < flags.length; i++) {
      if (flags[i]) {
        names.add(columns.get(i).targetName());
      }
    }
    return names;
  }

  private Type type(Column column) {
    return types.get(column.targetName().toLowerCase(Locale.ROOT));
  }
}
