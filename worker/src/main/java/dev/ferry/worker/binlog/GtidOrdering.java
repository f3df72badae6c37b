package dev.ferry.worker.binlog;

import dev.ferry.api.position.Position;
import dev.ferry.api.v1alpha1.GtidUsage;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.ServerInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a source's GTID sets order its binlog positions, which they do only while every
 * transaction it logs adds a GTID that grows the set. On MySQL that holds with {@code gtid_mode}
 * ON alone: ON_PERMISSIVE, OFF_PERMISSIVE and OFF log anonymous transactions while {@code
 * gtid_executed} keeps the GTIDs of before. On MariaDB every transaction has a GTID, but with
 * {@code gtid_strict_mode} OFF a domain's sequence can go backwards (another server id, or {@code
 * gtid_seq_no}): then the domain's last GTID ({@code gtid_binlog_pos}) is below another of the
 * domain in {@code gtid_binlog_state}. Where GTID sets do not order positions, positions carry
 * none and are ordered by binlog file and offset.
 */
public final class GtidOrdering {

  private GtidOrdering() {}

  /** Empty when GTID sets order this server's positions now; else why they do not. */
  public static Optional<String> brokenBecause(Connection connection, ServerInfo server)
      throws SQLException {
    if (server.flavor() == Flavor.TIDB) {
      return Optional.empty();
    }
    if (server.flavor() == Flavor.MYSQL) {
      String mode = scalars(connection, "SELECT @@GLOBAL.gtid_mode")[0];
      return "ON".equalsIgnoreCase(mode) ? Optional.empty() : Optional.of("gtid_mode is " + mode
          + ", so transactions may be logged without a GTID (anonymous) and the GTID set does"
          + " not order binlog positions");
    }
    String[] gtids = scalars(connection,
        "SELECT @@GLOBAL.gtid_binlog_pos, @@GLOBAL.gtid_binlog_state");
    return mariaDbBackwards(gtids[0], gtids[1]);
  }

  /**
   * Why a MariaDB domain's last GTID (in {@code pos}) is below another GTID of its domain in
   * {@code state}, or empty when no domain's sequence went backwards.
   */
  static Optional<String> mariaDbBackwards(String pos, String state) {
    Map<String, String> highest = new HashMap<>();
    for (String gtid : members(state)) {
      highest.merge(domain(gtid), gtid, (a, b) -> sequence(a) >= sequence(b) ? a : b);
    }
    for (String last : members(pos)) {
      String top = highest.get(domain(last));
      if (top != null && sequence(top) > sequence(last)) {
        return Optional.of("domain " + domain(last) + "'s last GTID " + last + " is below " + top
            + " (gtid_strict_mode is OFF and a sequence went backwards), so the GTID set does not"
            + " order binlog positions");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the binlog reader follows the source by GTID: always with {@code gtid: Required}
   * (the precheck refuses a source without ordered GTIDs), never with Disabled, and with Auto
   * when {@code start} has a GTID set and the source's sets order positions (or {@code start}
   * has no file to follow instead).
   */
  public static boolean followsByGtid(GtidUsage usage, Position start, Optional<String> broken) {
    return switch (usage) {
      case Required -> true;
      case Disabled -> false;
      case Auto -> start.gtids() != null && (broken.isEmpty() || start.file() == null);
    };
  }

  private static String[] members(String set) {
    return set == null || set.isBlank() ? new String[0] : set.replaceAll("\\s+", "").split(",");
  }

  private static String domain(String gtid) {
    return gtid.substring(0, gtid.indexOf('-'));
  }

  private static long sequence(String gtid) {
    return Long.parseLong(gtid.substring(gtid.lastIndexOf('-') + 1));
  }

  private static String[] scalars(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      String[] values = new String[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rs.getString(i + 1);
      }
      return values;
    }
  }
}
