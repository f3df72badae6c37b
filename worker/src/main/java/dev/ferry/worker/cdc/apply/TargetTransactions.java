package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.db.Database;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work of the applier in one target transaction with the apply session settings, again
 * after a deadlock or lock wait timeout (the work it is used for writes checkpoint rows, or rows
 * at a barrier, so it can be repeated).
 */
final class TargetTransactions {

  /** Work on one target connection. */
  @FunctionalInterface
  interface TargetWork {
    void run(Connection connection) throws SQLException;
  }

  private final Database target;
  private final ApplySession session;

  TargetTransactions(Database target, ApplySession session) {
    this.target = target;
    this.session = session;
  }

  void run(TargetWork work) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = target.connection()) {
        session.apply(connection);
        try {
          work.run(connection);
          connection.commit();
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        }
        session.reset(connection);
        return;
      } catch (SQLException e) {
        if (!retryAfterLockConflict(e, attempt)) {
          throw e;
        }
      }
    }
  }

  private static boolean retryAfterLockConflict(SQLException e, int attempt) throws SQLException {
    try {
      return Lane.retry(e, attempt);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      SQLException stopped = new SQLException("interrupted while retrying after a deadlock", e);
      stopped.addSuppressed(interrupted);
      throw stopped;
    }
  }
}
