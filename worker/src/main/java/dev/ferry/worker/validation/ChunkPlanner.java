package dev.ferry.worker.validation;

import static java.util.stream.Collectors.joining;

import dev.ferry.worker.db.KeyComparison;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a keyed table into ranges of about {@code chunkRows} (filtered) source rows. The source
 * finds each boundary by walking the key's index ({@code ORDER BY key LIMIT 1 OFFSET chunkRows}
 * from the previous boundary), so boundaries are real key values compared in the key's
 * collation. A table without a usable key is one range: the whole table.
 */
final class ChunkPlanner {

  private ChunkPlanner() {}

  /**
   * The ranges of {@code group}, planned on its first member's source, in key order, covering
   * every key exactly once.
   */
  static List<KeyRange> plan(Connection source, TableGroup group, int chunkRows)
      throws SQLException, InterruptedException {
    if (!group.keyed()) {
      return List.of(KeyRange.ALL);
    }
    ComparedTable table = group.first();
    List<String> key = table.keyColumns(Side.SOURCE);
    String from = "SELECT " + String.join(", ", key) + " FROM " + table.table(Side.SOURCE)
        + " WHERE ";
    String order = table.filter(Side.SOURCE) + " ORDER BY "
        + key.stream().map(c -> c + " ASC").collect(joining(", "))
        + " LIMIT 1 OFFSET " + chunkRows;
    String first = from + "1 = 1" + order;
    String next = from + "(" + KeyComparison.expanded(key, ">", ">=") + ")" + order;
    List<KeyRange> ranges = new ArrayList<>();
    KeyValues lower = null;
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("validation planning of " + table.name() + " stopped");
      }
      KeyValues boundary = boundary(source, lower == null ? first : next, lower, table);
      ranges.add(new KeyRange(lower, boundary));
      if (boundary == null) {
        return ranges;
      }
      lower = boundary;
    }
  }

  private static KeyValues boundary(Connection source, String sql, KeyValues from,
      ComparedTable table) throws SQLException {
    try (PreparedStatement statement = source.prepareStatement(sql)) {
      if (from != null) {
        KeyRange.bindCompare(statement, 1, from, table.key());
      }
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? KeyValues.read(rs, 1, table.key()) : null;
      }
    }
  }
}
