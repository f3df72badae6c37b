package dev.ferry.worker.cdc;

import dev.ferry.worker.db.Database;
import dev.ferry.worker.meta.LedgerTable;
import dev.ferry.worker.meta.MetaSchema;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.DdlReader;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shadow-table ALTERs that online-DDL handling (SkipGhost) holds until gh-ost or pt-osc
 * swaps the shadow in, kept on the target in {@code ferry_meta.online_ddl} per task and source:
 * a restart between the ALTER and the swap finds them there, and the swap still alters the real
 * table. Saved after each change of the pending set, once the DDL it stems from was handled.
 */
final class OnlineDdlLedger {

  private static final String NAME = "online_ddl";
  private static final String TABLE = MetaSchema.table(NAME);

  private final Database target;
  private final String taskId;
  private final String source;

  private OnlineDdlLedger(Database target, String taskId, String source) {
    this.target = target;
    this.taskId = taskId;
    this.source = source;
  }

  /** The ledger of {@code source}'s stream, its table created when missing. */
  static OnlineDdlLedger open(Database target, String taskId, String source)
      throws SQLException {
    try (Connection connection = target.connection()) {
      LedgerTable.create(connection, NAME, "task_id VARCHAR(320) NOT NULL,"
          + " source VARCHAR(253) NOT NULL,"
          + " shadow_schema VARCHAR(64) NOT NULL, shadow_table VARCHAR(64) NOT NULL,"
          + " seq INT NOT NULL, default_schema VARCHAR(64) NULL, ddl MEDIUMTEXT NOT NULL,"
          + " PRIMARY KEY (task_id, source, shadow_schema, shadow_table, seq)");
    }
    return new OnlineDdlLedger(target, taskId, source);
  }

  /** The pending ALTERs saved last, per shadow table, in binlog order. */
  Map<TableRef, List<DdlChange>> load() throws SQLException {
    Map<TableRef, List<DdlChange>> pending = new LinkedHashMap<>();
    try (Connection connection = target.connection();
        PreparedStatement query = connection.prepareStatement("SELECT shadow_schema,"
            + " shadow_table, default_schema, ddl FROM " + TABLE + " WHERE task_id = ?"
            + " AND source = ? ORDER BY shadow_schema, shadow_table, seq")) {
      query.setString(1, taskId);
      query.setString(2, source);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          TableRef shadow = new TableRef(rs.getString(1), rs.getString(2));
          pending.computeIfAbsent(shadow, t -> new ArrayList<>())
              .add(DdlReader.classify(rs.getString(3), rs.getString(4)));
        }
      }
    }
    return pending;
  }

  /** Replaces what is saved with {@code pending}, in one transaction. */
  void save(Map<TableRef, List<DdlChange>> pending) throws SQLException {
    try (Connection connection = target.connection()) {
      LedgerTable.inTransaction(connection, () -> replace(connection, pending));
    }
  }

  private void replace(Connection connection, Map<TableRef, List<DdlChange>> pending)
      throws SQLException {
    try (PreparedStatement clear = connection.prepareStatement("DELETE FROM " + TABLE
            + " WHERE task_id = ? AND source = ?");
        PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
            + " (task_id, source, shadow_schema, shadow_table, seq, default_schema, ddl)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      clear.setString(1, taskId);
      clear.setString(2, source);
      clear.executeUpdate();
      for (Map.Entry<TableRef, List<DdlChange>> entry : pending.entrySet()) {
        int seq = 0;
        for (DdlChange alter : entry.getValue()) {
          insert.setString(1, taskId);
          insert.setString(2, source);
          insert.setString(3, entry.getKey().schema());
          insert.setString(4, entry.getKey().table());
          insert.setInt(5, seq++);
          insert.setString(6, alter.defaultSchema());
          insert.setString(7, alter.sql());
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }
}
