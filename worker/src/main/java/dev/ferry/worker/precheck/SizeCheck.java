package dev.ferry.worker.precheck;

import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.TableRef;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts the migrated tables of a source and estimates their rows and bytes from
 * information_schema (the server's statistics, not a count). No table at all fails: the objects
 * filter matches nothing.
 */
final class SizeCheck {

  private static final String TABLE_SIZES = "SELECT TABLE_SCHEMA, TABLE_NAME,"
      + " COALESCE(TABLE_ROWS, 0), COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0)"
      + " FROM information_schema.TABLES"
      + " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA IN (%s)";

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  private SizeCheck() {}

  static Finding check(SourceServer source) throws SQLException {
    if (source.tables().isEmpty()) {
      return Finding.fail("no table matches spec.objects (include/exclude), or the user cannot "
              + "see any", "check spec.objects.include and exclude against the source's "
              + "schemas, and that the user has SELECT on them");
    }
    Set<TableRef> migrated = source.tables().stream().map(TableMapping::source)
        .collect(Collectors.toSet());
    long[] rowsAndBytes = new long[2];
    SchemaQuery.forEachRow(source.connection(), TABLE_SIZES,
        SchemaQuery.sourceSchemas(source.tables()), rs -> {
          if (migrated.contains(new TableRef(rs.getString(1), rs.getString(2)))) {
            rowsAndBytes[0] += rs.getLong(3);
            rowsAndBytes[1] += rs.getLong(4);
          }
        });
    return Finding.pass(source.tables().size() + " table(s), about " + rowsAndBytes[0]
        + " rows and " + bytes(rowsAndBytes[1]) + " (server estimates)");
  }

  /** {@code 1.5 GiB}. */
  static String bytes(long bytes) {
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value,
        UNITS[unit]);
  }
}
