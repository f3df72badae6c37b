package dev.ferry.worker.validation;

import static java.util.stream.Collectors.joining;

import dev.ferry.worker.catalog.KeyRange;
import dev.ferry.worker.catalog.KeyTuple;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Locates the rows that differ inside one mismatching chunk of a keyed group by comparing
 * per-row MD5s of the canonical row text: rows missing on the target, extra on the target, or
 * with other values. Only the chunk's rows are read, key and hash only.
 */
final class RowDiff {

  private RowDiff() {}

  /**
   * The first {@code limit} differing keys of {@code range}, for people: in source order, then
   * the target's extra rows. The source rows are those of every member of the group.
   */
  static List<String> differingKeys(TableGroup group, TableGroup.Sources sources,
      Connection target, KeyRange range, int limit) throws SQLException {
    Map<String, Row> sourceRows = new LinkedHashMap<>();
    for (ComparedTable member : group.members()) {
      try (Connection source = sources.connection(member)) {
        sourceRows.putAll(rows(source, member, range, Side.SOURCE));
      }
    }
    Map<String, Row> targetRows = rows(target, group.first(), range, Side.TARGET);
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, Row> entry : sourceRows.entrySet()) {
      Row other = targetRows.get(entry.getKey());
      if (other == null || !other.hash().equals(entry.getValue().hash())) {
        keys.add(entry.getValue().display());
      }
    }
    for (Map.Entry<String, Row> entry : targetRows.entrySet()) {
      if (!sourceRows.containsKey(entry.getKey())) {
        keys.add(entry.getValue().display());
      }
    }
    return keys.size() <= limit ? keys : List.copyOf(keys.subList(0, limit));
  }

  private record Row(String display, String hash) {}

  private static Map<String, Row> rows(Connection connection, ComparedTable table,
      KeyRange range, Side side) throws SQLException {
    List<String> key = table.keyColumns(side);
    String sql = "SELECT " + String.join(", ", key) + ", " + table.keyText(side) + ", MD5("
        + table.rowText(side) + ") FROM " + table.table(side) + " WHERE "
        + range.condition(key) + table.filter(side) + " ORDER BY "
        + key.stream().map(c -> c + " ASC").collect(joining(", "));
    Map<String, Row> rows = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      range.bind(statement, 1, table.keyBinary());
      try (ResultSet rs = statement.executeQuery()) {
        int n = key.size();
        while (rs.next()) {
          rows.put(rs.getString(n + 1), new Row(
              KeyTuple.read(rs, 1, table.keyBinary()).display(table.keyBinary()), rs.getString(n + 2)));
        }
      }
    }
    return rows;
  }
}
