package dev.ferry.worker.precheck;

import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.catalog.TableRef;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds migrated tables without a primary key or a unique key over NOT NULL columns: their rows
 * have no identity, so they are reported as a warning rather than silently duplicated.
 */
final class KeyCheck {

  /** Unique indexes per table, with whether any of their columns is nullable. */
  private static final String UNIQUE_INDEXES = "SELECT s.TABLE_SCHEMA, s.TABLE_NAME,"
      + " MAX(CASE WHEN c.IS_NULLABLE = 'YES' THEN 1 ELSE 0 END)"
      + " FROM information_schema.STATISTICS s JOIN information_schema.COLUMNS c"
      + " ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME"
      + " AND c.COLUMN_NAME = s.COLUMN_NAME"
      + " WHERE s.NON_UNIQUE = 0 AND s.TABLE_SCHEMA IN (%s)"
      + " GROUP BY s.TABLE_SCHEMA, s.TABLE_NAME, s.INDEX_NAME";

  private KeyCheck() {}

  static Finding check(SourceServer source) throws SQLException {
    Set<TableRef> keyed = new HashSet<>();
    SchemaQuery.forEachRow(source.connection(), UNIQUE_INDEXES,
        SchemaQuery.sourceSchemas(source.tables()), rs -> {
          if (rs.getInt(3) == 0) {
            keyed.add(new TableRef(rs.getString(1), rs.getString(2)));
          }
        });
    List<TableRef> keyless = source.tables().stream().map(TableMapping::source)
        .filter(table -> !keyed.contains(table)).toList();
    if (keyless.isEmpty()) {
      return Finding.pass("every migrated table has a primary key or a unique NOT NULL key");
    }
    return Finding.warn(keyless.size() + " table(s) have no primary key and no unique key over "
            + "NOT NULL columns: " + Listing.of(keyless) + "; their rows can only be matched by "
            + "all columns, so changes to them are slower and identical rows cannot be told apart",
        "add a primary key (for example an AUTO_INCREMENT id column) to these tables before the "
            + "migration, or accept the warning");
  }
}
