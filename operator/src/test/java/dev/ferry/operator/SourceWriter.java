package dev.ferry.operator;

import dev.ferry.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes to {@code shop.orders} on a source until closed, as an application would: inserts,
 * updates (including of the primary key) and deletes, some in multi-statement transactions.
 */
final class SourceWriter implements AutoCloseable {

  private final DatabaseServer source;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong statements = new AtomicLong();
  private final Thread thread;
  private volatile SQLException failure;

  /** Starts writing; new rows get ids from {@code firstNewId}. */
  SourceWriter(DatabaseServer source, long firstNewId) {
    this.source = source;
    this.thread = new Thread(() -> write(firstNewId), "source-writer");
    thread.start();
  }

  /** Statements executed so far. */
  long statements() {
    return statements.get();
  }

  private void write(long firstNewId) {
    Random random = new Random(7);
    long nextId = firstNewId;
    try (Connection connection = source.connect()) {
      while (running.get()) {
        boolean transaction = random.nextInt(4) == 0;
        connection.setAutoCommit(!transaction);
        int count = transaction ? 2 + random.nextInt(4) : 1;
        for (int i = 0; i < count; i++) {
          int kind = random.nextInt(10);
          long id = 1 + random.nextInt((int) (nextId - 1));
          if (kind < 4) {
            run(connection, "INSERT INTO shop.orders VALUES (?, 7, 'new', NOW(6))", nextId++);
          } else if (kind < 7) {
            run(connection, "UPDATE shop.orders SET note = CONCAT('u', id), created = NOW(6)"
                + " WHERE id = ?", id);
          } else if (kind < 8) {
            run(connection, "UPDATE shop.orders SET id = id + 10000000 WHERE id = ?", id);
          } else {
            run(connection, "DELETE FROM shop.orders WHERE id = ?", id);
          }
        }
        if (transaction) {
          connection.commit();
        }
        Thread.sleep(2);
      }
    } catch (SQLException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
