package dev.ferry.bench;

import dev.ferry.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * About {@code count} row changes in transactions of one to four statements: half updates, a
 * quarter inserts of new rows, a quarter deletes, each by primary key on a random table. Every
 * writer owns the rows whose id modulo the writer count is its number, so each statement
 * changes exactly one row and writers never wait on each other.
 */
record MixedWorkload(long count, int threads) implements Workload {

  @Override
  public String name() {
    return String.format("mixed ins/upd/del (%,d)", count);
  }

  @Override
  public long write(DatabaseServer source, BenchTables tables) throws Exception {
    return Writers.run(source, threads, (writer, connection) -> {
      Statements statements = new Statements(connection);
      try {
        return new Writer(writer, tables.rows(), statements).write(count / threads);
      } finally {
        statements.close();
      }
    });
  }

  /** One writer's live row ids per table, and its changes. */
  private final class Writer {
    private final int writer;
    private final Statements statements;
    private final SplittableRandom random;
    private final long[][] live = new long[BenchTables.COUNT][];
    private final int[] liveCount = new int[BenchTables.COUNT];
    private final long[] nextInsert = new long[BenchTables.COUNT];

    Writer(int writer, long rows, Statements statements) {
      this.writer = writer;
      this.statements = statements;
      this.random = new SplittableRandom(1000 + writer);
      for (int t = 0; t < BenchTables.COUNT; t++) {
        live[t] = new long[(int) (rows / threads + 16)];
        for (long id = writer == 0 ? threads : writer; id <= rows; id += threads) {
          add(t, id);
        }
        nextInsert[t] = rows + 1 + writer;
      }
    }

    long write(long changes) throws SQLException {
      long done = 0;
      while (done < changes) {
        int statementsInTransaction = 1 + random.nextInt(4);
        for (int s = 0; s < statementsInTransaction && done < changes; s++) {
          done += change(random.nextInt(BenchTables.COUNT), done);
        }
        statements.connection.commit();
      }
      return done;
    }

    private int change(int table, long seed) throws SQLException {
      int kind = random.nextInt(4);
      if (kind == 0 || liveCount[table] == 0) {
        long id = nextInsert[table];
        nextInsert[table] += threads;
        add(table, id);
        PreparedStatement insert = statements.insert[table];
        insert.setLong(1, id);
        insert.setLong(2, id % 1000);
        insert.setString(3, Writers.filler(seed));
        return insert.executeUpdate();
      }
      int index = random.nextInt(liveCount[table]);
      long id = live[table][index];
      if (kind == 1) {
        live[table][index] = live[table][--liveCount[table]];
        PreparedStatement delete = statements.delete[table];
        delete.setLong(1, id);
        return delete.executeUpdate();
      }
      PreparedStatement update = statements.update[table];
      update.setString(1, Writers.filler(seed));
      update.setLong(2, id);
      return update.executeUpdate();
    }

    private void add(int table, long id) {
      if (liveCount[table] == live[table].length) {
        live[table] = Arrays.copyOf(live[table], live[table].length * 2);
      }
      live[table][liveCount[table]++] = id;
    }
  }

  /** The prepared statements of one writer's connection, per table. */
  private static final class Statements implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement[] insert = new PreparedStatement[BenchTables.COUNT];
    private final PreparedStatement[] update = new PreparedStatement[BenchTables.COUNT];
    private final PreparedStatement[] delete = new PreparedStatement[BenchTables.COUNT];

    Statements(Connection connection) throws SQLException {
      this.connection = connection;
      connection.setAutoCommit(false);
      for (int t = 0; t < BenchTables.COUNT; t++) {
        String table = BenchTables.table(t);
        insert[t] = connection.prepareStatement("INSERT INTO " + table
            + " (id, k, v, c, pad) VALUES (?, ?, 0, ?, 'inserted')");
        update[t] = connection.prepareStatement(String.format(AutocommitUpdates.UPDATE, table));
        delete[t] = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?");
      }
    }

    @Override
    public void close() throws SQLException {
      for (int t = 0; t < BenchTables.COUNT; t++) {
        insert[t].close();
        update[t].close();
        delete[t].close();
      }
    }
  }
}
