package dev.ferry.bench;

import dev.ferry.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * MariaDB's own replication on a replica of the benchmark source: fetches the backlog into the
 * relay log first (IO thread only), then times the SQL thread applying it, in the given parallel
 * mode, until {@code Exec_Master_Log_Pos} reaches the end of the backlog. The replica is
 * restarted before each apply: MariaDB 11.4.5 crashed once here when the parallel mode was
 * changed on a running server between applies.
 */
final class NativeReplica {

  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  /** The seconds the SQL thread took, and where the CPU went meanwhile. */
  record Result(double seconds, String cpu) {}

  private final DatabaseServer replica;
  private final DatabaseServer source;

  NativeReplica(DatabaseServer replica, DatabaseServer source) {
    this.replica = replica;
    this.source = source;
  }

  /**
   * Replicates from {@code from} to {@code to} and returns the seconds the SQL thread took and
   * the replica's CPU seconds meanwhile.
   *
   * @param parallelThreads {@code slave_parallel_threads}; 0 is the default single SQL thread
   * @param parallelMode {@code slave_parallel_mode}, such as {@code optimistic}
   * @param events how many row events the backlog holds, for CPU time per event
   */
  Result apply(BinlogPoint from, BinlogPoint to, int parallelThreads, String parallelMode,
      long events) throws Exception {
    replica.restart();
    try (Connection connection = replica.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("STOP SLAVE");
      statement.execute("RESET SLAVE ALL");
      statement.execute("SET GLOBAL slave_parallel_threads = " + parallelThreads);
      statement.execute("SET GLOBAL slave_parallel_mode = '" + parallelMode + "'");
      try (PreparedStatement change = connection.prepareStatement("CHANGE MASTER TO"
          + " MASTER_HOST = ?, MASTER_PORT = ?, MASTER_USER = ?, MASTER_PASSWORD = ?,"
          + " MASTER_LOG_FILE = ?, MASTER_LOG_POS = ?, MASTER_USE_GTID = no, MASTER_SSL = 0")) {
        change.setString(1, source.host());
        change.setInt(2, source.port());
        change.setString(3, source.adminUser());
        change.setString(4, source.adminPassword());
        change.setString(5, from.file());
        change.setLong(6, from.position());
        change.execute();
      }
      statement.execute("START SLAVE IO_THREAD");
      await(connection, "Master_Log_File", "Read_Master_Log_Pos", to);
      try (CpuProfile profile = new CpuProfile(Map.of("replica", replica), false)) {
        long binlogBefore = binlogBytes(statement);
        long started = System.nanoTime();
        statement.execute("START SLAVE SQL_THREAD");
        await(connection, "Relay_Master_Log_File", "Exec_Master_Log_Pos", to);
        double seconds = (System.nanoTime() - started) / 1e9;
        String cpu = profile.report(events) + String.format(Locale.ROOT,
            ", its binlog %,d bytes", binlogBytes(statement) - binlogBefore);
        statement.execute("STOP SLAVE");
        return new Result(seconds, cpu);
      }
    }
  }

  /** How many bytes the server wrote to its binary log so far. */
  private static long binlogBytes(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery(
        "SHOW GLOBAL STATUS LIKE 'Binlog_bytes_written'")) {
      return rs.next() ? rs.getLong(2) : 0;
    }
  }

  /** Polls {@code SHOW SLAVE STATUS} every 10 ms until the file/position columns reach {@code to}. */
  private static void await(Connection connection, String fileColumn, String positionColumn,
      BinlogPoint to) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try (Statement statement = connection.createStatement()) {
      while (true) {
        try (ResultSet rs = statement.executeQuery("SHOW SLAVE STATUS")) {
          if (!rs.next()) {
            throw new IllegalStateException("the replica has no replication configured");
          }
          String error = rs.getString("Last_Error") + rs.getString("Last_IO_Error");
          if (!error.isBlank()) {
            throw new IllegalStateException("native replication failed: " + error);
          }
          if (new BinlogPoint(rs.getString(fileColumn), rs.getLong(positionColumn)).reached(to)) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("native replication did not reach " + to + " within "
              + TIMEOUT);
        }
        Thread.sleep(10);
      }
    }
  }
}
