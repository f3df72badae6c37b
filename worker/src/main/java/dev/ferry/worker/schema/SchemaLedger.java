package dev.ferry.worker.schema;

import dev.ferry.worker.meta.LedgerTable;
import dev.ferry.worker.meta.MetaSchema;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * The objects a task created on the target, in {@code ferry_meta.schema_objects} (the precheck
 * reads it too). An object is recorded just before it is created and forgotten when creating it
 * fails, so after a crash every object of the task is recorded: a recorded object that exists is
 * skipped on the next run, a recorded one that is missing is created again.
 */
final class SchemaLedger {

  /** Name of the ledger table in the meta schema. */
  static final String TABLE = "schema_objects";

  private record Key(ObjectType type, String schema, String name) {}

  private final Connection target;
  private final String taskId;
  private final Set<Key> recorded = new HashSet<>();

  private SchemaLedger(Connection target, String taskId) {
    this.target = target;
    this.taskId = taskId;
  }

  /** Creates the ledger table when missing and loads what {@code taskId} recorded. */
  static SchemaLedger open(Connection target, String taskId) throws SQLException {
    LedgerTable.create(target, TABLE, "task_id VARCHAR(255) NOT NULL,"
        + " object_type VARCHAR(16) NOT NULL,"
        + " schema_name VARCHAR(64) NOT NULL, object_name VARCHAR(64) NOT NULL,"
        + " created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),"
        + " PRIMARY KEY (task_id, object_type, schema_name, object_name)");
    SchemaLedger ledger = new SchemaLedger(target, taskId);
    try (PreparedStatement query = target.prepareStatement("SELECT object_type, schema_name,"
        + " object_name FROM " + MetaSchema.table(TABLE) + " WHERE task_id = ?")) {
      query.setString(1, taskId);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          ledger.recorded.add(new Key(ObjectType.valueOf(rs.getString(1)), rs.getString(2),
              rs.getString(3)));
        }
      }
    }
    return ledger;
  }

  boolean isRecorded(ObjectType type, TableRef object) {
    return recorded.contains(new Key(type, object.schema(), object.table()));
  }

  /** Records that this task creates {@code object}. */
  void record(ObjectType type, TableRef object) throws SQLException {
    try (PreparedStatement insert = target.prepareStatement("INSERT INTO "
        + MetaSchema.table(TABLE) + " (task_id, object_type, schema_name, object_name)"
        + " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE created_at = CURRENT_TIMESTAMP(6)")) {
      bind(insert, type, object);
      insert.executeUpdate();
    }
    recorded.add(new Key(type, object.schema(), object.table()));
  }

  /** Removes the record of {@code object} (its creation failed). */
  void forget(ObjectType type, TableRef object) throws SQLException {
    try (PreparedStatement delete = target.prepareStatement("DELETE FROM "
        + MetaSchema.table(TABLE) + " WHERE task_id = ? AND object_type = ? AND schema_name = ?"
        + " AND object_name = ?")) {
      bind(delete, type, object);
      delete.executeUpdate();
    }
    recorded.remove(new Key(type, object.schema(), object.table()));
  }

  private void bind(PreparedStatement statement, ObjectType type, TableRef object)
      throws SQLException {
    statement.setString(1, taskId);
    statement.setString(2, type.name());
    statement.setString(3, object.schema());
    statement.setString(4, object.table());
  }
}
