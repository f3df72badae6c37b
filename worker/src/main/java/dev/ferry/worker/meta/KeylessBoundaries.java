package dev.ferry.worker.meta;

import dev.ferry.api.position.Position;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

/**
 * The snapshot boundary of each table without a usable key, {@code
 * ferry_meta.keyless_boundaries}: the binlog position at which the full load read the table's
 * rows (one consistent snapshot). The copy holds exactly the table's changes up to it, so CDC
 * applies that table's changes strictly after it, never idempotently. The full load writes the
 * row in the transaction that marks the table's single stream done; a restarted stream replaces
 * it.
 */
public final class KeylessBoundaries {

  static final String TABLE = "keyless_boundaries";

  private final String taskId;

  public KeylessBoundaries(String taskId) {
    this.taskId = taskId;
  }

  /** Creates the table when missing. */
  public static void ensure(Connection target) throws SQLException {
    LedgerTable.create(target, TABLE, "task_id VARCHAR(320) NOT NULL,"
        + " source_name VARCHAR(63) NOT NULL,"
        + " table_schema VARCHAR(64) NOT NULL,"
        + " table_name VARCHAR(64) NOT NULL,"
        + " binlog_file VARCHAR(512) NULL,"
        + " binlog_position BIGINT NOT NULL,"
        + " gtid_set MEDIUMTEXT NULL,"
        + LedgerTable.UPDATED_AT
        + " PRIMARY KEY (task_id, source_name, table_schema, table_name)");
  }

  /** Records (or replaces) the boundary of {@code table}; runs in the caller's transaction. */
  public void record(Connection target, String source, TableRef table, Position boundary)
      throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("REPLACE INTO "
        + MetaSchema.table(TABLE) + " (task_id, source_name, table_schema, table_name,"
        + " binlog_file, binlog_position, gtid_set) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      statement.setString(1, taskId);
      statement.setString(2, source);
      statement.setString(3, table.schema());
      statement.setString(4, table.table());
      if (boundary.file() == null) {
        statement.setNull(5, Types.VARCHAR);
      } else {
        statement.setString(5, boundary.file());
      }
      statement.setLong(6, boundary.offset());
      statement.setString(7, boundary.gtidText());
      statement.executeUpdate();
    }
  }

  /** The boundaries of the keyless tables of {@code source}; none when the table is missing. */
  public Map<TableRef, Position> read(Connection target, String source) throws SQLException {
    Map<TableRef, Position> boundaries = new HashMap<>();
    try (PreparedStatement statement = target.prepareStatement("SELECT table_schema,"
        + " table_name, binlog_file, binlog_position, gtid_set FROM " + MetaSchema.table(TABLE)
        + " WHERE task_id = ? AND source_name = ?")) {
      statement.setString(1, taskId);
      statement.setString(2, source);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          boundaries.put(new TableRef(rs.getString(1), rs.getString(2)),
              Position.of(rs.getString(3), rs.getLong(4), rs.getString(5)));
        }
      }
    } catch (SQLException e) {
      if (e.getErrorCode() != 1146 && e.getErrorCode() != 1049) {
        throw e;
      }
    }
    return boundaries;
  }
}
