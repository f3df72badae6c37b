package dev.ferry.worker.fullload;

import static java.util.stream.Collectors.joining;

import dev.ferry.worker.db.KeyComparison;
import dev.ferry.worker.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a keyed table into ranges of about {@code chunkRows} rows. The server finds each
 * boundary by walking the key's index ({@code ORDER BY key LIMIT 1 OFFSET chunkRows - 1} after
 * the previous boundary), so boundaries are real key values compared in the key's collation.
 * Tables without a usable key get one range: the whole table as one stream.
 */
final class ChunkPlanner {

  private ChunkPlanner() {}

  /** The ranges of {@code shape}, in key order, covering every row exactly once. */
  static List<KeyRange> plan(Connection source, TableShape shape, int chunkRows)
      throws SQLException, InterruptedException {
    if (!shape.keyed()) {
      return List.of(KeyRange.ALL);
    }
    List<Column> key = shape.key();
    String columns = key.stream().map(c -> Sql.quote(c.name())).collect(joining(", "));
    String from = "SELECT " + columns + " FROM " + shape.mapping().source().sql();
    String order = " ORDER BY " + key.stream().map(c -> Sql.quote(c.name()) + " ASC")
        .collect(joining(", ")) + " LIMIT 1 OFFSET " + (chunkRows - 1);
    String first = from + order;
    String next = from + " WHERE " + KeyComparison.expanded(
        key.stream().map(c -> Sql.quote(c.name())).toList(), ">", ">") + order;
    SessionSettings.applyToSource(source);
    List<KeyRange> ranges = new ArrayList<>();
    KeyTuple lower = null;
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("planning of " + shape.mapping().source() + " stopped");
      }
      KeyTuple boundary = boundary(source, lower == null ? first : next, lower, key);
      ranges.add(new KeyRange(lower, boundary));
      if (boundary == null) {
        return ranges;
      }
      lower = boundary;
    }
  }

  private static KeyTuple boundary(Connection source, String sql, KeyTuple after,
      List<Column> key) throws SQLException {
    try (PreparedStatement statement = source.prepareStatement(sql)) {
      if (after != null) {
        KeyRange.bindCompare(statement, 1, after, key);
      }
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? KeyTuple.read(rs, key) : null;
      }
    }
  }
}
