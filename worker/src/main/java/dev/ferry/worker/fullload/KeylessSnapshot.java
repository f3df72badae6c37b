package dev.ferry.worker.fullload;

import dev.ferry.api.position.Position;
import dev.ferry.api.position.StatusPositions;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.binlog.BinlogPositions;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The exact snapshot a table without a usable key is read in, and the binlog position of that
 * snapshot (its boundary): the read holds every change of the table logged up to the boundary
 * and none after it.
 *
 * <p>MariaDB reports the position of a consistent snapshot itself ({@code binlog_snapshot_file}
 * and {@code binlog_snapshot_position}, set by {@code START TRANSACTION WITH CONSISTENT
 * SNAPSHOT}). MySQL does not: another connection holds {@code LOCK TABLES t READ} (which waits for
 * every open write of the table to commit, and admits no new one) while the reading connection
 * starts its snapshot and the position is read, then unlocks, as Vitess's copier does. The table
 * is locked for milliseconds, not for the read.
 */
final class KeylessSnapshot implements AutoCloseable {

  private final Connection reading;
  private final Position boundary;

  private KeylessSnapshot(Connection reading, Position boundary) {
    this.reading = reading;
    this.boundary = boundary;
  }

  /**
   * Starts the snapshot of {@code table} on {@code reading}; {@code sources} (the same server)
   * gives the connection that holds the table lock on MySQL. Close it once the read is done.
   */
  static KeylessSnapshot start(Database sources, Connection reading, TableRef table)
      throws SQLException {
    if (!BinlogPositions.enabled(reading)) {
      return new KeylessSnapshot(reading, null);
    }
    ServerInfo server = ServerInfo.detect(reading);
    execute(reading, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    try {
      return new KeylessSnapshot(reading, server.flavor() == Flavor.MARIADB
          ? mariaDbSnapshot(reading, table) : lockedSnapshot(sources, reading, table, server));
    } catch (SQLException | RuntimeException e) {
      // the pooled connection must not keep the snapshot's transaction
      try {
        execute(reading, "ROLLBACK");
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }

  private static Position lockedSnapshot(Database sources, Connection reading, TableRef table,
      ServerInfo server) throws SQLException {
    try (Connection lock = sources.connection()) {
      try {
        execute(lock, "LOCK TABLES " + table.sql() + " READ");
      } catch (SQLException e) {
        if (e.getErrorCode() == 1044 || e.getErrorCode() == 1142) {
          throw new FerryException(FailureClass.Fatal, "table " + table + " has no primary key"
              + " or NOT NULL unique key; copying it exactly needs a short LOCK TABLES " + table
              + " READ, which the source user may not do: GRANT LOCK TABLES ON the schema to"
              + " it, or add a primary key to the table (" + e.getMessage() + ")");
        }
        throw e;
      }
      try {
        execute(reading, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
        return StatusPositions.of(BinlogPositions.current(lock, server)
            .orElseThrow(() -> new FerryException(FailureClass.Fatal, "the source reports no"
                + " binlog position (SHOW MASTER STATUS is empty); grant REPLICATION CLIENT")));
      } finally {
        execute(lock, "UNLOCK TABLES");
      }
    }
  }

  /** The snapshot's binlog position, or null when the source writes no binary log. */
  Position boundary() {
    return boundary;
  }

  /** Ends the read transaction (it only read). */
  @Override
  public void close() throws SQLException {
    if (boundary != null) {
      execute(reading, "COMMIT");
    }
  }

  private static Position mariaDbSnapshot(Connection reading, TableRef table)
      throws SQLException {
    execute(reading, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
    String file = null;
    long offset = -1;
    try (Statement statement = reading.createStatement();
        ResultSet rs = statement.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
      while (rs.next()) {
        if ("binlog_snapshot_file".equalsIgnoreCase(rs.getString(1))) {
          file = rs.getString(2);
        } else if ("binlog_snapshot_position".equalsIgnoreCase(rs.getString(1))) {
          offset = Long.parseLong(rs.getString(2));
        }
      }
    }
    if (file == null || file.isBlank() || offset < 0) {
      throw new FerryException(FailureClass.Fatal, "the source reports no binlog_snapshot_file"
          + " and binlog_snapshot_position for the snapshot of " + table + ", so the copy of"
          + " this table without a key has no exact boundary");
    }
    return new Position(file, offset, null);
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
