package dev.ferry.bench;

import dev.ferry.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * {@code count} autocommit single-row updates by primary key, spread round-robin over the eight
 * tables, written by {@code threads} concurrent clients.
 */
record AutocommitUpdates(long count, int threads) implements Workload {

  static final String UPDATE = "UPDATE %s SET v = v + 1, c = ? WHERE id = ?";

  @Override
  public String name() {
    return String.format("autocommit updates (%,d)", count);
  }

  @Override
  public long write(DatabaseServer source, BenchTables tables) throws Exception {
    return Writers.run(source, threads, (writer, connection) -> {
      PreparedStatement[] updates = prepare(connection);
      try {
        SplittableRandom random = new SplittableRandom(writer);
        long changed = 0;
        for (long i = writer; i < count; i += threads) {
          changed += update(updates[(int) (i % BenchTables.COUNT)], tables, random, i);
        }
        return changed;
      } finally {
        for (PreparedStatement update : updates) {
          update.close();
        }
      }
    });
  }

  /** One prepared update per table. */
  static PreparedStatement[] prepare(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    PreparedStatement[] updates = new PreparedStatement[BenchTables.COUNT];
    for (int t = 0; t < BenchTables.COUNT; t++) {
      updates[t] = connection.prepareStatement(String.format(UPDATE, BenchTables.table(t)));
    }
    return updates;
  }

  /** Updates one random row of the table with {@code update}; returns the rows changed. */
  static int update(PreparedStatement update, BenchTables tables, SplittableRandom random,
      long seed) throws SQLException {
    update.setString(1, Writers.filler(seed));
    update.setLong(2, 1 + random.nextLong(tables.rows()));
    return update.executeUpdate();
  }
}
