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
 * Per source table of a run, {@code ferry_meta.copy_boundaries}: the definition its target table
 * was made from and the binlog position where its copy began (its boundary).
 *
 * <p>The schema phase records the definition (a fingerprint) when it creates the target table.
 * The full load records the boundary when it plans the table: a position read while the table
 * was locked against writes and DDL, at which the table's definition was that of its target
 * table. Every chunk of the table is read after the boundary, so the copy holds every change of
 * the table up to it, and the CDC skips the table's row changes and DDL at or before it. A table
 * that changed under the load is made again on the target and gets a new boundary; one that
 * disappeared keeps a boundary with no definition. A table without a usable key is read in one
 * snapshot, whose position becomes its boundary (the CDC applies its changes strictly after it,
 * never idempotently).
 */
public final class CopyBoundaries {

  static final String TABLE = "copy_boundaries";

  /**
   * One table's row.
   *
   * @param definition the fingerprint of the definition of its target table; null when the
   *     table did not exist at the boundary, or is not known
   * @param boundary where its copy began; null until the full load planned it
   */
  public record Entry(String definition, Position boundary) {}

  private final String taskId;

  public CopyBoundaries(String taskId) {
    this.taskId = taskId;
  }

  /** Creates the table when missing. */
  public static void ensure(Connection target) throws SQLException {
    LedgerTable.create(target, TABLE, "task_id VARCHAR(320) NOT NULL,"
        + " source_name VARCHAR(63) NOT NULL,"
        + " table_schema VARCHAR(64) NOT NULL,"
        + " table_name VARCHAR(64) NOT NULL,"
        + " definition CHAR(64) NULL,"
        + " binlog_file VARCHAR(512) NULL,"
        + " binlog_position BIGINT NULL,"
        + " gtid_set MEDIUMTEXT NULL,"
        + LedgerTable.UPDATED_AT
        + " PRIMARY KEY (task_id, source_name, table_schema, table_name)");
  }

  /**
   * Records that the target table of {@code table} is made from the definition {@code
   * fingerprint}, with no boundary yet (the schema phase, before it creates the table).
   */
  public void recordDefinition(Connection target, String source, TableRef table,
      String fingerprint) throws SQLException {
    write(target, source, table, fingerprint, null);
  }

  /** Records where the copy of {@code table} began and what its target table is made from. */
  public void recordBoundary(Connection target, String source, TableRef table, Position boundary,
      String fingerprint) throws SQLException {
    write(target, source, table, fingerprint, boundary);
  }

  /**
   * Moves the boundary of {@code table} to the position of the snapshot its rows were read in
   * (a table without a usable key); runs in the caller's transaction.
   */
  public void moveBoundary(Connection target, String source, TableRef table, Position boundary)
      throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("UPDATE "
        + MetaSchema.table(TABLE) + " SET binlog_file = ?, binlog_position = ?, gtid_set = ?"
        + " WHERE task_id = ? AND source_name = ? AND table_schema = ? AND table_name = ?")) {
      bindPosition(statement, 1, boundary);
      bindKey(statement, 4, source, table);
      if (statement.executeUpdate() == 0) {
        write(target, source, table, null, boundary);
      }
    }
  }

  /** Forgets {@code table} (the schema phase could not create its target table). */
  public void forget(Connection target, String source, TableRef table) throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("DELETE FROM "
        + MetaSchema.table(TABLE) + " WHERE task_id = ? AND source_name = ? AND table_schema = ?"
        + " AND table_name = ?")) {
      bindKey(statement, 1, source, table);
      statement.executeUpdate();
    }
  }

  /** Every row of {@code source}; none when the table is missing. */
  public Map<TableRef, Entry> read(Connection target, String source) throws SQLException {
    Map<TableRef, Entry> entries = new HashMap<>();
    try (PreparedStatement statement = target.prepareStatement("SELECT table_schema,"
        + " table_name, definition, binlog_file, binlog_position, gtid_set FROM "
        + MetaSchema.table(TABLE) + " WHERE task_id = ? AND source_name = ?")) {
      statement.setString(1, taskId);
      statement.setString(2, source);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          long offset = rs.getLong(5);
          Position boundary = rs.wasNull() ? null
              : Position.of(rs.getString(4), offset, rs.getString(6));
          entries.put(new TableRef(rs.getString(1), rs.getString(2)),
              new Entry(rs.getString(3), boundary));
        }
      }
    } catch (SQLException e) {
      if (e.getErrorCode() != 1146 && e.getErrorCode() != 1049) {
        throw e;
      }
    }
    return entries;
  }

  /** The boundaries of the tables of {@code source} that have one. */
  public Map<TableRef, Position> boundaries(Connection target, String source)
      throws SQLException {
    Map<TableRef, Position> boundaries = new HashMap<>();
    read(target, source).forEach((table, entry) -> {
      if (entry.boundary() != null) {
        boundaries.put(table, entry.boundary());
      }
    });
    return boundaries;
  }

  private void write(Connection target, String source, TableRef table, String fingerprint,
      Position boundary) throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("REPLACE INTO "
        + MetaSchema.table(TABLE) + " (task_id, source_name, table_schema, table_name,"
        + " definition, binlog_file, binlog_position, gtid_set) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      bindKey(statement, 1, source, table);
      statement.setString(5, fingerprint);
      if (boundary == null) {
        statement.setNull(6, Types.VARCHAR);
        statement.setNull(7, Types.BIGINT);
        statement.setNull(8, Types.VARCHAR);
      } else {
        bindPosition(statement, 6, boundary);
      }
      statement.executeUpdate();
    }
  }

  private void bindKey(PreparedStatement statement, int first, String source, TableRef table)
      throws SQLException {
    statement.setString(first, taskId);
    statement.setString(first + 1, source);
    statement.setString(first + 2, table.schema());
    statement.setString(first + 3, table.table());
  }

  private static void bindPosition(PreparedStatement statement, int first, Position position)
      throws SQLException {
    if (position.file() == null) {
      statement.setNull(first, Types.VARCHAR);
    } else {
      statement.setString(first, position.file());
    }
    statement.setLong(first + 1, position.offset());
    statement.setString(first + 2, position.gtidText());
  }
}
