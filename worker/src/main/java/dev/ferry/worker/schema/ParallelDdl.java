package dev.ferry.worker.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the DDL of independent steps (CREATE TABLE with foreign key checks off: any order works)
 * over a few target sessions at once, so that 10,000 tables go at the speed the target creates
 * them, not one round trip and one log flush after another. The sessions are the caller's,
 * prepared like its own (foreign key checks, binary logging); each step's {@code sql_mode} is
 * set when it differs from the session's.
 */
final class ParallelDdl implements AutoCloseable {

  private final BlockingQueue<Connection> idle;
  private final Map<Connection, String> modes = new IdentityHashMap<>();
  private final ExecutorService threads;

  ParallelDdl(List<Connection> sessions) {
    this.idle = new ArrayBlockingQueue<>(sessions.size(), false, sessions);
    sessions.forEach(session -> modes.put(session, null));
    this.threads = Executors.newFixedThreadPool(sessions.size(), runnable -> {
      Thread thread = new Thread(runnable, "ferry-schema-ddl");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Runs every step's DDL; returns the error of each step that failed. */
  Map<SchemaPlan.Step, SQLException> run(List<SchemaPlan.Step> steps)
      throws InterruptedException {
    List<Future<SQLException>> futures = new ArrayList<>();
    for (SchemaPlan.Step step : steps) {
      futures.add(threads.submit(() -> execute(step)));
    }
    Map<SchemaPlan.Step, SQLException> failed = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      try {
        SQLException error = futures.get(i).get();
        if (error != null) {
          failed.put(steps.get(i), error);
        }
      } catch (ExecutionException e) {
        futures.forEach(future -> future.cancel(true));
        throw e.getCause() instanceof RuntimeException runtime ? runtime
            : new IllegalStateException(e.getCause());
      }
    }
    return failed;
  }

  private SQLException execute(SchemaPlan.Step step) throws InterruptedException {
    Connection session = idle.take();
    try {
      String mode;
      synchronized (modes) {
        mode = modes.get(session);
      }
      if (!step.sqlMode().equals(mode)) {
        try (PreparedStatement statement = session.prepareStatement("SET SESSION sql_mode = ?")) {
          statement.setString(1, step.sqlMode());
          statement.execute();
        }
        synchronized (modes) {
          modes.put(session, step.sqlMode());
        }
      }
      try (Statement statement = session.createStatement()) {
        statement.execute(step.ddl());
      }
      return null;
    } catch (SQLException e) {
      return e;
    } finally {
      idle.add(session);
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
