package dev.ferry.worker.catalog;

import static java.util.stream.Collectors.joining;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a keyed table into {@link KeyRange}s. The server finds each boundary by walking the
 * key's index ({@code ORDER BY key LIMIT 1 OFFSET n} from the previous boundary), so boundaries
 * are real key values compared in the key's collation. A table without a key is one range.
 */
public final class ChunkPlanner {

  /**
   * What to split.
   *
   * @param name the table as messages name it
   * @param table the quoted, qualified table name
   * @param key quoted key columns in index order; empty when the table has no usable key
   * @param binary for each key column, whether its values travel as bytes
   * @param filter {@code " AND (condition)"} limiting the rows counted, or ""
   */
  public record Table(String name, String table, List<String> key, List<Boolean> binary,
      String filter) {

    public Table {
      key = List.copyOf(key);
      binary = List.copyOf(binary);
    }
  }

  private ChunkPlanner() {}

  /**
   * The ranges of {@code table} in key order, covering every key exactly once: the first holds
   * {@code firstRows} rows, each later one {@code chunkRows} (the last one what is left).
   */
  public static List<KeyRange> plan(Connection source, Table table, int firstRows, int chunkRows)
      throws SQLException, InterruptedException {
    if (table.key().isEmpty()) {
      return List.of(KeyRange.ALL);
    }
    String from = "SELECT " + String.join(", ", table.key()) + " FROM " + table.table()
        + " WHERE ";
    String order = table.filter() + " ORDER BY "
        + table.key().stream().map(c -> c + " ASC").collect(joining(", ")) + " LIMIT 1 OFFSET ";
    String first = from + "1 = 1" + order + firstRows;
    String next = from + "(" + KeyComparison.expanded(table.key(), ">", ">=") + ")" + order
        + chunkRows;
    List<KeyRange> ranges = new ArrayList<>();
    KeyTuple lower = null;
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("planning of " + table.name() + " stopped");
      }
      KeyTuple boundary = boundary(source, lower == null ? first : next, lower, table);
      ranges.add(new KeyRange(lower, boundary));
      if (boundary == null) {
        return ranges;
      }
      lower = boundary;
    }
  }

  private static KeyTuple boundary(Connection source, String sql, KeyTuple from, Table table)
      throws SQLException {
    try (PreparedStatement statement = source.prepareStatement(sql)) {
      if (from != null) {
        KeyRange.bindCompare(statement, 1, from, table.binary());
      }
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? KeyTuple.read(rs, 1, table.binary()) : null;
      }
    }
  }
}
