package dev.ferry.worker.catalog;

import dev.ferry.api.objects.ObjectFilter;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Lists the source's base tables that a task migrates, with their mappings, in name order. */
public final class SourceCatalog {

  private SourceCatalog() {}

  /** The included base tables of the source behind {@code connection}. */
  public static List<TableMapping> tables(Connection connection, MigrationTaskSpec spec)
      throws SQLException {
    ObjectFilter filter = ObjectFilter.of(spec);
    List<TableMapping> tables = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
            + " WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME");
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        String schema = rs.getString(1);
        String table = rs.getString(2);
        if (filter.includes(schema, table)) {
          tables.add(mapping(spec, filter, new TableRef(schema, table)));
        }
      }
    }
    return tables;
  }

  /** The mapping of the source table {@code table} (whether or not it exists now). */
  public static TableMapping mapping(MigrationTaskSpec spec, TableRef table) {
    return mapping(spec, ObjectFilter.of(spec), table);
  }

  private static TableMapping mapping(MigrationTaskSpec spec, ObjectFilter filter,
      TableRef table) {
    return TableMapping.of(table, filter.ruleFor(table.schema(), table.table()),
        spec.getSchema().getNameCase());
  }
}
