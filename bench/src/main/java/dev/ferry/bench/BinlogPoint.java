package dev.ferry.bench;

import dev.ferry.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A position in a server's binary log (file and offset), ordered by file then offset; the
 * benchmark's servers never rotate to a name of a different length, so names compare as text.
 */
record BinlogPoint(String file, long position) implements Comparable<BinlogPoint> {

  /** The server's current binlog position ({@code SHOW MASTER STATUS}). */
  static BinlogPoint current(DatabaseServer server) throws SQLException {
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW MASTER STATUS")) {
      if (!rs.next()) {
        throw new IllegalStateException(server + " has no binary log: start it with log-bin");
      }
      return new BinlogPoint(rs.getString("File"), rs.getLong("Position"));
    }
  }

  /** Whether this position is at or past {@code other}. */
  boolean reached(BinlogPoint other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(BinlogPoint other) {
    int byFile = file.compareTo(other.file);
    return byFile != 0 ? byFile : Long.compare(position, other.position);
  }

  @Override
  public String toString() {
    return file + ":" + position;
  }
}
