package dev.ferry.worker.cdc.route;

import dev.ferry.worker.catalog.CatalogColumn;
import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The members of a table's ENUM and SET columns, read from the source's information_schema, to
 * spell the binlog's ENUM indexes and SET bitmasks as the server does ({@code 'view'},
 * {@code 'a,c'}): a row filter compares them with text, not with numbers.
 */
final class EnumLabels {

  private final Map<String, Column> columns;

  private EnumLabels(Map<String, Column> columns) {
    this.columns = columns;
  }

  /** The ENUM and SET columns of {@code table} as the source defines them now. */
  static EnumLabels of(Connection source, TableRef table) throws SQLException {
    Map<String, Column> columns = new HashMap<>();
    for (List<CatalogColumn> list : CatalogReader.columns(source, Scope.table(table)).values()) {
      list.stream().filter(CatalogColumn::enumOrSet).forEach(c ->
          columns.put(c.name(), new Column("set".equals(c.dataType()), c.members())));
    }
    return new EnumLabels(columns);
  }

  /** {@code value} of column {@code name} as text when it is an ENUM index or SET bitmask. */
  Object spell(String name, Object value) {
    Column column = columns.get(name);
    if (column == null || !(value instanceof Number number)) {
      return value;
    }
    long index = number.longValue();
    if (!column.set()) {
      return index >= 1 && index <= column.members().size()
          ? column.members().get((int) index - 1) : "";
    }
    StringJoiner labels = new StringJoiner(",");
    for (int bit = 0; bit < column.members().size(); bit++) {
      if ((index & (1L << bit)) != 0) {
        labels.add(column.members().get(bit));
      }
    }
    return labels.toString();
  }

  private record Column(boolean set, List<String> members) {}
}
