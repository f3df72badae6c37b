package dev.ferry.worker.cdc.read;

import com.github.shyiko.mysql.binlog.network.ServerException;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.db.ConnectFailures;
import dev.ferry.worker.db.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Turns what the binlog client reports into failures with a class and a remedy. The client's
 * {@link ServerException} carries the server's error code, which the generic classifier cannot
 * see: 1236 (position or GTIDs purged or unknown) is Fatal and names the oldest binlog still on
 * the source, except the refusal of a MySQL source whose gtid_mode is no longer ON to be
 * followed by GTID (class Other: the next attempt with gtid: Auto follows file and offset), and the error a source sends an old reader when a new one connects with the
 * same server id (an old and a new worker pod overlapping), which is a Connection failure that
 * waits for the old one to go; a wrong password (1045) and missing privileges are Fatal, each
 * with its own remedy; TLS mismatches are Fatal ({@link ConnectFailures}); everything else on
 * the network is Connection.
 */
final class BinlogFailures {

  private static final int FATAL_READING_BINLOG = 1236;
  private static final int ACCESS_DENIED = 1045;
  private static final Set<Integer> PRIVILEGE_ERRORS = Set.of(1044, 1142, 1227);
  private static final Set<Integer> CONNECTION_ERRORS =
      Set.of(1040, 1053, 1129, 1152, 1203, 1927, 2002, 2003, 2006, 2013, 3032, 4031);

  private BinlogFailures() {}

  static FerryException of(Exception failure, ReaderSettings settings) {
    if (failure instanceof FerryException ferry) {
      return ferry;
    }
    String where = "source " + settings.source() + " (" + settings.endpoint().address() + ")";
    if (failure instanceof ServerException server) {
      int code = server.getErrorCode();
      if (sameServerId(server)) {
        return new FerryException(FailureClass.Connection, "another binlog reader connected to "
            + where + " with server id " + settings.serverId() + " and the source dropped this"
            + " one: " + server.getMessage() + ". Usually an old worker pod of this task is still"
            + " stopping, so this one retries until it is gone; if this persists, give"
            + " spec.sources[].serverId an id no other replica or reader of the source uses",
            failure);
      }
      if (code == FATAL_READING_BINLOG && gtidsOff(server)) {
        return new FerryException(FailureClass.Other, "the binlog of " + where + " cannot be"
            + " followed by GTID from " + settings.start() + ": " + server.getMessage() + ". The"
            + " source's gtid_mode is no longer ON (it logs anonymous transactions); with gtid:"
            + " Auto the next attempt follows binlog file and offset, with gtid: Required set"
            + " gtid_mode back to ON on the source or change the task to gtid: Auto", failure);
      }
      if (code == FATAL_READING_BINLOG) {
        return new FerryException(FailureClass.Fatal, "the binlog of " + where + " cannot be read"
            + " from " + settings.start() + ": " + server.getMessage() + "; the oldest binlog "
            + "still there is " + oldestBinlog(settings) + ". If the binlogs after the position "
            + "were purged, the changes in between are lost: start the migration again with a "
            + "full load, and keep binlogs longer on the source (binlog_expire_logs_seconds, or "
            + "binlog retention hours on RDS/Aurora); if the position is from another server, "
            + "correct the start position", failure);
      }
      if (code == ACCESS_DENIED) {
        return new FerryException(FailureClass.Fatal, "the binlog connection to " + where
            + " was refused for user " + settings.endpoint().credentials().username() + ": "
            + server.getMessage() + ". Fix: correct username and password in the source's"
            + " credentials Secret (and the user's allowed hosts), then resume the task", failure);
      }
      if (PRIVILEGE_ERRORS.contains(code)) {
        return new FerryException(FailureClass.Fatal, "the binlog of " + where + " cannot be read"
            + " by user " + settings.endpoint().credentials().username() + ": "
            + server.getMessage() + "; grant REPLICATION SLAVE, REPLICATION CLIENT ON *.* to it",
            failure);
      }
      return new FerryException(CONNECTION_ERRORS.contains(code) ? FailureClass.Connection
          : FailureClass.Other, "reading the binlog of " + where + " failed with server error "
          + code + ": " + server.getMessage(), failure);
    }
    return ConnectFailures.fatal(failure, settings.endpoint()).orElseGet(() ->
        new FerryException(FailureClass.Connection, "the binlog connection to " + where
            + " failed: " + failure, failure));
  }

  /**
   * The error (1236 on MariaDB and older MySQL, 4052 on MySQL 8) that tells the older of two
   * readers with one server id that it was replaced.
   */
  private static boolean sameServerId(ServerException server) {
    String message = String.valueOf(server.getMessage());
    return message.contains("same server_uuid/server_id") || message.contains("same server_id")
        || message.contains("same server id");
  }

  /**
   * The errors of a MySQL source that refuses a reader by GTID (AUTO_POSITION) because its
   * gtid_mode is not ON, or because it reached an anonymous transaction.
   */
  private static boolean gtidsOff(ServerException server) {
    String message = String.valueOf(server.getMessage());
    return message.contains("anonymous transaction") || message.contains("AUTO_POSITION mode");
  }

  /** The first file of SHOW BINARY LOGS, or a note why it is unknown. */
  private static String oldestBinlog(ReaderSettings settings) {
    try (Connection connection = Database.connectOnce(settings.endpoint());
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW BINARY LOGS")) {
      return rs.next() ? rs.getString(1) : "none (SHOW BINARY LOGS is empty)";
    } catch (SQLException e) {
      return "unknown (SHOW BINARY LOGS failed: " + e.getMessage() + ")";
    }
  }
}
