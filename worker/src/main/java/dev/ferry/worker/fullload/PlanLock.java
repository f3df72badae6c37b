package dev.ferry.worker.fullload;

import dev.ferry.worker.db.NameDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A named lock on the target (GET_LOCK) held while the chunk plan is written, so pods sharing a
 * load plan each table once. The lock belongs to the connection and ends with it.
 */
final class PlanLock implements AutoCloseable {

  private static final int WAIT_SECONDS = 3600;

  private final Connection connection;
  private final String name;

  private PlanLock(Connection connection, String name) {
    this.connection = connection;
    this.name = name;
  }

  /** Waits for the plan lock of {@code taskId}. */
  static PlanLock acquire(Connection connection, String taskId) throws SQLException {
    String name = "ferry_plan_" + NameDigest.of(taskId, 20);
    try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
      statement.setString(1, name);
      statement.setInt(2, WAIT_SECONDS);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next() || rs.getInt(1) != 1) {
          throw new SQLException("could not take the full-load planning lock " + name
              + " on the target within " + WAIT_SECONDS + " s");
        }
      }
    }
    return new PlanLock(connection, name);
  }

  @Override
  public void close() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
      statement.setString(1, name);
      statement.execute();
    }
  }
}
