package dev.ferry.worker.fullload;

import dev.ferry.worker.catalog.CatalogColumn;
import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.target.EnumErrorWrites;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The column types of a target table, for choosing how the load writes each column. */
final class TargetColumns {

  private static final Set<String> RAW_TEXT_REFUSED = Set.of("enum", "set", "json");

  private final Map<String, CatalogColumn> types;

  private TargetColumns(Map<String, CatalogColumn> types) {
    this.types = types;
  }

  /** The columns of {@code table} as the target defines them now. */
  static TargetColumns read(Connection target, TableRef table) throws SQLException {
    return of(CatalogReader.columns(target, Scope.table(table)).getOrDefault(table, List.of()));
  }

  /**
   * The columns of each of {@code tables} as the target defines them now, one query for all (a
   * table missing on the target has none).
   */
  static Map<TableRef, TargetColumns> readAll(Connection target, Collection<TableRef> tables)
      throws SQLException {
    Map<TableRef, List<CatalogColumn>> columns =
        CatalogReader.columns(target, Scope.schemasOf(tables));
    Map<TableRef, TargetColumns> all = new HashMap<>();
    for (TableRef table : tables) {
      all.put(table, of(columns.getOrDefault(table, List.of())));
    }
    return all;
  }

  private static TargetColumns of(List<CatalogColumn> columns) {
    Map<String, CatalogColumn> types = new HashMap<>();
    columns.forEach(c -> types.put(c.name().toLowerCase(Locale.ROOT), c));
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
      CatalogColumn type = type(column);
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
      CatalogColumn type = type(columns.get(i));
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

  private CatalogColumn type(Column column) {
    return types.get(column.targetName().toLowerCase(Locale.ROOT));
  }
}
