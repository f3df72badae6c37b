package dev.ferry.worker.binlog;

import dev.ferry.api.position.Position;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * Whether no DDL was written to the binary log between two positions of the same file, read with
 * {@code SHOW BINLOG EVENTS}. What holds when the first position was read and still holds when
 * the second one is, with no DDL in between, held at every position in between: a table found
 * missing between them was missing at the first one. Under a row-based binary log every query
 * event other than a transaction's begin or end is DDL; such events are counted as DDL too when
 * unsure (a false "not free" only costs the caller another try).
 */
public final class DdlFreeSpan {

  /** Events read at most: a span of a few milliseconds has far fewer on any server. */
  static final int MAX_EVENTS = 5_000;
  private static final Set<String> TRANSACTION_QUERIES = Set.of("BEGIN", "COMMIT", "ROLLBACK");

  private DdlFreeSpan() {}

  /**
   * True when {@code from} and {@code to} lie in the same binlog file and no DDL lies between
   * them; false when unsure (another file, too many events in between).
   */
  public static boolean between(Connection connection, Position from, Position to)
      throws SQLException {
    return between(connection, from, to, MAX_EVENTS);
  }

  /**
   * As {@link #between(Connection, Position, Position)}, reading at most {@code maxEvents}
   * events (for a span of seconds rather than milliseconds).
   */
  public static boolean between(Connection connection, Position from, Position to,
      int maxEvents) throws SQLException {
    if (from.offset() == to.offset() && from.file().equals(to.file())) {
      return true;
    }
    if (!from.file().equals(to.file()) || to.offset() < from.offset()) {
      return false;
    }
    try (PreparedStatement statement = connection.prepareStatement(
        "SHOW BINLOG EVENTS IN ? FROM ? LIMIT ?")) {
      statement.setString(1, from.file());
      statement.setLong(2, from.offset());
      statement.setInt(3, maxEvents);
      int events = 0;
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong("Pos") >= to.offset()) {
            return true;
          }
          events++;
          if ("Query".equals(rs.getString("Event_type")) && !transactional(rs.getString("Info"))) {
            return false;
          }
        }
      }
      return events < maxEvents;
    }
  }

  private static boolean transactional(String info) {
    return info != null && (TRANSACTION_QUERIES.contains(info.trim().toUpperCase(Locale.ROOT))
        || info.trim().toUpperCase(Locale.ROOT).startsWith("SAVEPOINT "));
  }
}
