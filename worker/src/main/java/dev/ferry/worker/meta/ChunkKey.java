package dev.ferry.worker.meta;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The name of one chunk in a chunk ledger: the values of {@link LedgerTable#CHUNK_COLUMNS}, in
 * that order.
 *
 * @param number the chunk's number within its table, from 0
 */
public record ChunkKey(String taskId, String source, String schema, String table, int number) {

  /** The condition selecting one chunk's row; parameters as {@link #bind} sets them. */
  public static final String CONDITION = "task_id = ? AND source_name = ? AND table_schema = ?"
      + " AND table_name = ? AND chunk_no = ?";

  /** Binds the five values from {@code first}; returns the next parameter index. */
  public int bind(PreparedStatement statement, int first) throws SQLException {
    statement.setString(first, taskId);
    statement.setString(first + 1, source);
    statement.setString(first + 2, schema);
    statement.setString(first + 3, table);
    statement.setInt(first + 4, number);
    return first + 5;
  }
}
