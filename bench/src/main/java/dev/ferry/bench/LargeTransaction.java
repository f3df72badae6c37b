package dev.ferry.bench;

import dev.ferry.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One source transaction updating {@code count} rows, spread evenly over the eight tables: a
 * batch job's, a backfill's or a purge's single large transaction, which Ferry applies in a
 * bounded heap (see the README's Memory section).
 */
record LargeTransaction(long count) implements Workload {

  @Override
  public String name() {
    return String.format("one transaction (%,d rows)", count);
  }

  @Override
  public long write(DatabaseServer source, BenchTables tables) throws SQLException {
    long perTable = count / BenchTables.COUNT;
    if (perTable > tables.rows()) {
      throw new IllegalArgumentException("--large " + count + " needs --rows of at least "
          + perTable + " (it updates " + perTable + " rows of each of the "
          + BenchTables.COUNT + " tables)");
    }
    long changed = 0;
    try (Connection connection = source.connect();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      for (int t = 0; t < BenchTables.COUNT; t++) {
        changed += statement.executeUpdate("UPDATE " + BenchTables.table(t)
            + " SET v = v + 1, c = REVERSE(c) WHERE id <= " + perTable);
      }
      connection.commit();
    }
    return changed;
  }
}
