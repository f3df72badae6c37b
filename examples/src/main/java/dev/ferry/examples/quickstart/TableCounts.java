package dev.ferry.examples.quickstart;

import dev.ferry.examples.quickstart.QuickstartTask.MigratedTable;
import dev.ferry.testing.DatabaseServer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Row counts of every migrated table after the cutover: all rows on the source, the rows the
 * task's filter keeps, and the rows on the target.
 */
record TableCounts(List<Count> tables) {

  /** The counts of one table. */
  record Count(MigratedTable table, long source, long sourceFiltered, long target) {}

  static TableCounts of(DatabaseServer source, DatabaseServer target) throws SQLException {
    List<Count> counts = new ArrayList<>();
    for (MigratedTable table : QuickstartTask.tables()) {
      String from = quote(SampleShop.SCHEMA) + "." + quote(table.source());
      long all = count(source, "SELECT COUNT(*) FROM " + from);
      long kept = table.where() == null ? all
          : count(source, "SELECT COUNT(*) FROM " + from + " WHERE " + table.where());
      long copied = count(target, "SELECT COUNT(*) FROM " + quote(SampleShop.SCHEMA) + "."
          + quote(table.target()));
      counts.add(new Count(table, all, kept, copied));
    }
    return new TableCounts(counts);
  }

  long source() {
    return tables.stream().mapToLong(Count::source).sum();
  }

  long sourceFiltered() {
    return tables.stream().mapToLong(Count::sourceFiltered).sum();
  }

  long target() {
    return tables.stream().mapToLong(Count::target).sum();
  }

  private static long count(DatabaseServer server, String sql) throws SQLException {
    return ((Number) server.query(sql).get(0).get(0)).longValue();
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
