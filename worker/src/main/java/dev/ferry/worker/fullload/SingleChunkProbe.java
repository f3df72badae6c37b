package dev.ferry.worker.fullload;

import dev.ferry.worker.catalog.ChunkPlanner;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of many keyed tables hold no more rows than a first chunk takes, asked {@value
 * #PROBED_TOGETHER} tables per statement: such a table is planned as its one range without a
 * planning query of its own (10,000 small tables take 100 statements, not 10,000). A table is
 * counted as fitting only when its probe ran and found no row past the first chunk's; a
 * statement that fails (a table dropped since it was listed) leaves its tables to the planner.
 */
final class SingleChunkProbe {

  static final int PROBED_TOGETHER = 100;

  private SingleChunkProbe() {}

  /**
   * The tables of {@code shapes} (keyed ones; keyless ones are one stream anyway) that hold at
   * most {@code firstRows} rows now.
   */
  static Set<TableRef> fitting(Connection source, List<TableShape> shapes, int firstRows)
      throws SQLException {
    List<TableShape> keyed = shapes.stream().filter(TableShape::keyed).toList();
    Set<TableRef> fitting = new HashSet<>();
    try (Statement statement = source.createStatement()) {
      for (int from = 0; from < keyed.size(); from += PROBED_TOGETHER) {
        List<TableShape> batch = keyed.subList(from,
            Math.min(keyed.size(), from + PROBED_TOGETHER));
        Set<Integer> larger = new HashSet<>();
        try (ResultSet rs = statement.executeQuery(probe(batch, firstRows))) {
          while (rs.next()) {
            larger.add(rs.getInt(1));
          }
        } catch (SQLException e) {
          continue; // the planner plans these tables one by one, and reports what is wrong
        }
        for (int i = 0; i < batch.size(); i++) {
          if (!larger.contains(i)) {
            fitting.add(batch.get(i).mapping().source());
          }
        }
      }
    }
    return fitting;
  }

  /** The number of each table that has a row past the first {@code firstRows}. */
  private static String probe(List<TableShape> batch, int firstRows) {
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < batch.size(); i++) {
      ChunkPlanner.Table table = batch.get(i).chunking();
      sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i)
          .append(" FROM (SELECT 1 FROM ").append(table.table()).append(" WHERE 1 = 1")
          .append(table.filter()).append(" LIMIT 1 OFFSET ").append(firstRows)
          .append(") AS p").append(i);
    }
    return sql.toString();
  }
}
