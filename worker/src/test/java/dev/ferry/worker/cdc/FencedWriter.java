package dev.ferry.worker.cdc;

import dev.ferry.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An application inserting rows into the source's {@code app.t} one autocommit statement at a
 * time, as a given user, going on when a write is refused (as an application would retry): it
 * knows exactly which ids were committed and which errors the refused writes got.
 */
final class FencedWriter implements AutoCloseable {

  private final DatabaseServer source;
  private final String user;
  private final String password;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Set<Long> committed = ConcurrentHashMap.newKeySet();
  private final List<SQLException> refusals = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile SQLException failure;

  FencedWriter(DatabaseServer source, String user, String password) {
    this.source = source;
    this.user = user;
    this.password = password;
    this.thread = new Thread(this::write, "fenced-writer");
    thread.start();
  }

  Set<Long> committed() {
    return Set.copyOf(committed);
  }

  List<SQLException> refusals() {
    return List.copyOf(refusals);
  }

  private void write() {
    long id = 1;
    try (Connection connection = source.connect(user, password);
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO app.t (id, v) VALUES (?, 'written')")) {
      while (running.get()) {
        insert.setLong(1, id);
        try {
          insert.executeUpdate();
          committed.add(id);
        } catch (SQLException refused) {
          refusals.add(refused);
          Thread.sleep(20);
        }
        id++;
      }
    } catch (SQLException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops writing; throws what broke the writer's connection, if anything. */
  @Override
  public void close() throws SQLException, InterruptedException {
    running.set(false);
    thread.join();
    if (failure != null) {
      throw failure;
    }
  }
}
