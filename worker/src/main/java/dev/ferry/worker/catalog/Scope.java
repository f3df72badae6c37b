package dev.ferry.worker.catalog;

import dev.ferry.worker.sql.TableRef;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * What a catalog read covers: whole schemas, or one table. Either way each kind of catalog data
 * is one query, whatever the number of tables.
 *
 * @param schemas the schemas, in name order
 * @param table the one table within them, or null for every table
 */
public record Scope(List<String> schemas, String table) {

  public Scope {
    schemas = List.copyOf(new TreeSet<>(schemas));
  }

  /** Every table of {@code schemas}. */
  public static Scope schemas(Collection<String> schemas) {
    return new Scope(List.copyOf(schemas), null);
  }

  /** Every table of the schemas of {@code tables}. */
  public static Scope schemasOf(Collection<TableRef> tables) {
    return schemas(tables.stream().map(TableRef::schema).toList());
  }

  /** One table. */
  public static Scope table(TableRef table) {
    return new Scope(List.of(table.schema()), table.table());
  }

  /** Whether there is nothing to read. */
  boolean empty() {
    return schemas.isEmpty();
  }

  /** {@code schemaColumn IN (?, ...)} and, for one table, {@code AND tableColumn = ?}. */
  String where(String schemaColumn, String tableColumn) {
    String in = schemaColumn + " IN (" + String.join(", ", Collections.nCopies(schemas.size(),
        "?")) + ")";
    return table == null ? in : in + " AND " + tableColumn + " = ?";
  }

  /** Binds the parameters of {@link #where} from {@code first}; returns the next index. */
  int bind(PreparedStatement statement, int first) throws SQLException {
    int parameter = first;
    for (String schema : schemas) {
      statement.setString(parameter++, schema);
    }
    if (table != null) {
      statement.setString(parameter++, table);
    }
    return parameter;
  }
}
