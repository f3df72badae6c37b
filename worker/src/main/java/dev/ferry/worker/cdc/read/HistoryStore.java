package dev.ferry.worker.cdc.read;

import dev.ferry.api.position.Position;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.meta.LedgerTable;
import dev.ferry.worker.meta.MetaSchema;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schema history of one task run and source in {@code ferry_meta.schema_history} on the
 * target, beside the CDC checkpoints: one row per table version, numbered in binlog order
 * ({@code seq}; one DDL gives all the versions it makes one number), with the position of the
 * DDL that made it (of the capture, for the versions numbered 0) and the CREATE TABLE statement
 * of the table from there on.
 */
final class HistoryStore {

  private static final String NAME = "schema_history";
  private static final String TABLE = MetaSchema.table(NAME);
  private static final int NO_SUCH_TABLE = 1146;

  private final Database target;
  private final String taskId;
  private final String source;

  private HistoryStore(Database target, String taskId, String source) {
    this.target = target;
    this.taskId = taskId;
    this.source = source;
  }

  /**
   * A table version.
   *
   * @param seq its number in binlog order, 0 for the captured start
   * @param table the source table
   * @param at the position from which it is in force
   * @param state whether the table exists there, does not, or cannot be told
   * @param createTable its CREATE TABLE statement when it exists, else null
   */
  record Version(long seq, TableRef table, Position at, State state, String createTable) {}

  /** What a version says of its table. */
  enum State {
    /** The table exists with the stored definition. */
    PRESENT,
    /** The table does not exist (dropped, renamed away). */
    ABSENT,
    /**
     * The target server refused to replay a DDL on the table's copy: its definition is unknown
     * from there on, and rows are decoded with the source's definition now, as without history.
     */
    UNKNOWN
  }

  /** The store of {@code source}'s stream, its table created when missing. */
  static HistoryStore open(Database target, String taskId, String source) throws SQLException {
    try (Connection connection = target.connection()) {
      LedgerTable.create(connection, NAME, "task_id VARCHAR(320) NOT NULL,"
          + " source VARCHAR(253) NOT NULL, seq BIGINT NOT NULL,"
          + " table_schema VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL,"
          + " file VARCHAR(512) NULL, position BIGINT NOT NULL, gtid_set MEDIUMTEXT NULL,"
          + " state VARCHAR(16) NOT NULL, create_table MEDIUMTEXT NULL,"
          + " PRIMARY KEY (task_id, source, seq, table_schema, table_name)");
    }
    return new HistoryStore(target, taskId, source);
  }

  /**
   * The source schemas of each source that the stored history of run {@code taskId} names;
   * empty where no history was ever stored on the target.
   */
  static Map<String, Set<String>> schemasBySource(Connection target, String taskId)
      throws SQLException {
    Map<String, Set<String>> schemas = new TreeMap<>();
    try (PreparedStatement query = target.prepareStatement("SELECT DISTINCT source,"
        + " table_schema FROM " + TABLE + " WHERE task_id = ?")) {
      query.setString(1, taskId);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          schemas.computeIfAbsent(rs.getString(1), source -> new TreeSet<>())
              .add(rs.getString(2));
        }
      }
    } catch (SQLException e) {
      if (e.getErrorCode() != NO_SUCH_TABLE) {
        throw e;
      }
    }
    return schemas;
  }

  /** Every stored version, in binlog order. */
  List<Version> load() throws SQLException {
    List<Version> versions = new ArrayList<>();
    try (Connection connection = target.connection();
        PreparedStatement query = connection.prepareStatement("SELECT seq, table_schema,"
            + " table_name, file, position, gtid_set, state, create_table FROM " + TABLE
            + " WHERE task_id = ? AND source = ? ORDER BY seq, table_schema, table_name")) {
      query.setString(1, taskId);
      query.setString(2, source);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          versions.add(new Version(rs.getLong(1), new TableRef(rs.getString(2),
              rs.getString(3)), Position.of(rs.getString(4), rs.getLong(5), rs.getString(6)),
              State.valueOf(rs.getString(7)), rs.getString(8)));
        }
      }
    }
    return versions;
  }

  /** Stores versions, replacing any of the same number and table (a DDL read again). */
  void save(Collection<Version> versions) throws SQLException {
    try (Connection connection = target.connection();
        PreparedStatement insert = connection.prepareStatement("REPLACE INTO " + TABLE
            + " (task_id, source, seq, table_schema, table_name, file, position, gtid_set,"
            + " state, create_table) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Version version : versions) {
        insert.setString(1, taskId);
        insert.setString(2, source);
        insert.setLong(3, version.seq());
        insert.setString(4, version.table().schema());
        insert.setString(5, version.table().table());
        insert.setString(6, version.at().file());
        insert.setLong(7, version.at().offset());
        insert.setString(8, version.at().gtidText());
        insert.setString(9, version.state().name());
        insert.setString(10, version.createTable());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Deletes these versions (superseded before the oldest checkpoint, or not reached yet). */
  void delete(Collection<Version> versions) throws SQLException {
    if (versions.isEmpty()) {
      return;
    }
    try (Connection connection = target.connection();
        PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE
            + " WHERE task_id = ? AND source = ? AND seq = ? AND table_schema = ?"
            + " AND table_name = ?")) {
      for (Version version : versions) {
        delete.setString(1, taskId);
        delete.setString(2, source);
        delete.setLong(3, version.seq());
        delete.setString(4, version.table().schema());
        delete.setString(5, version.table().table());
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }
}
