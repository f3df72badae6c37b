package dev.ferry.worker.cli;

import dev.ferry.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A background application writing to the source's shop.orders: inserts, updates (also of the
 * primary key) and deletes, single statements and multi-statement transactions.
 */
final class SourceWriter implements AutoCloseable {

  private final DatabaseServer source;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong statements = new AtomicLong();
  private final Thread thread;
  private volatile SQLException failure;

  SourceWriter(DatabaseServer source, long firstNewId) {
    this.source = source;
    this.thread = new Thread(() -> write(firstNewId), "source-writer");
    thread.start();
  }

  long statements() {
    return statements.get();
  }

  private void write(long firstNewId) {
    Random random = new Random(42);
    long nextId = firstNewId;
    try (Connection connection = source.connect()) {
      while (running.get()) {
        boolean transaction = random.nextInt(4) == 0;
        connection.setAutoCommit(!transaction);
        int count = transaction ? 2 + random.nextInt(4) : 1;
        for (int i = 0; i < count; i++) {
          int kind = random.nextInt(10);
          long id = 1 + random.nextInt((int) Math.min(Integer.MAX_VALUE, nextId - 1));
          if (kind < 4) {
            run(connection, "INSERT INTO shop.orders (id, customer_id, note, created, audit)"
                + " VALUES (?, 7, 'new', NOW(6), 'inserted')", nextId++);
          } else if (kind < 7) {
            run(connection, "UPDATE shop.orders SET note = CONCAT('u', id), created ="
                + " NOW(6), audit = CONCAT('a', id) WHERE id = ?", id);
          } else if (kind < 8) {
            run(connection, "UPDATE shop.orders SET id = id + 10000000 WHERE id = ?", id);
          } else {
            run(connection, "DELETE FROM shop.orders WHERE id = ?", id);
          }
        }
        if (transaction) {
          connection.commit();
        }
      }
    } catch (SQLException e) {
      failure = e;
    }
  }

  private void run(Connection connection, String sql, long id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, id);
      statement.executeUpdate();
      statements.incrementAndGet();
    }
  }

  /** Stops writing; throws what the writer hit, if anything. */
  @Override
  public void close() throws SQLException, InterruptedException {
    running.set(false);
    thread.join();
    if (failure != null) {
      throw failure;
    }
  }
}
