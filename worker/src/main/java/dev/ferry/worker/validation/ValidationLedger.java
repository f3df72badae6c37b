package dev.ferry.worker.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.worker.catalog.KeyRange;
import dev.ferry.worker.catalog.KeyTuple;
import dev.ferry.worker.meta.ChunkKey;
import dev.ferry.worker.meta.LedgerTable;
import dev.ferry.worker.meta.MetaSchema;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The validation ledger on the target, {@code ferry_meta.validation_chunks}: one row per planned
 * chunk, keyed by task, source, table and chunk number, with the run it belongs to, the chunk's
 * key bounds (JSON), its state and the first differing keys. A table's plan is stored in one
 * transaction; each compared chunk is recorded at once, so a resumed run compares only the
 * chunks still pending, over the boundaries planned first.
 */
final class ValidationLedger {

  static final String TABLE = "validation_chunks";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String taskId;
  private final String runId;

  ValidationLedger(String taskId, String runId) {
    this.taskId = taskId;
    this.runId = runId;
  }

  /** Creates the meta schema and the ledger table when missing. */
  static void ensure(Connection target) throws SQLException {
    LedgerTable.create(target, TABLE, LedgerTable.CHUNK_COLUMNS
        + " run_id VARCHAR(64) NOT NULL COMMENT 'status.validation.startedAt of the run',"
        + " keyless TINYINT NOT NULL,"
        + LedgerTable.CHUNK_BOUNDS
        + " state VARCHAR(16) NOT NULL,"
        + " differing_keys LONGTEXT NULL COMMENT 'JSON array of the first differing keys',"
        + LedgerTable.UPDATED_AT
        + LedgerTable.CHUNK_KEY);
  }

  /** Forgets the chunks of the task's earlier runs: a new run starts fresh. */
  void discardOtherRuns(Connection target) throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("DELETE FROM "
        + MetaSchema.table(TABLE) + " WHERE task_id = ? AND run_id <> ?")) {
      statement.setString(1, taskId);
      statement.setString(2, runId);
      statement.executeUpdate();
    }
  }

  /** Every chunk of the run, by source, table and chunk number. */
  List<ValidationChunk> all(Connection target) throws SQLException {
    return select(target, "");
  }

  /** Stores the plan of one table in one transaction, every chunk pending. */
  List<ValidationChunk> storePlan(Connection target, String source, TableRef table,
      List<KeyRange> ranges, boolean keyless) throws SQLException {
    List<ValidationChunk> chunks = new ArrayList<>();
    LedgerTable.inTransaction(target, () -> insertPlan(target, source, table, ranges, keyless,
        chunks));
    return chunks;
  }

  private void insertPlan(Connection target, String source, TableRef table,
      List<KeyRange> ranges, boolean keyless, List<ValidationChunk> chunks) throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("INSERT INTO "
        + MetaSchema.table(TABLE) + " (task_id, source_name, table_schema, table_name, chunk_no,"
        + " run_id, keyless, lower_bound, upper_bound, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
        + " ?)")) {
      for (int i = 0; i < ranges.size(); i++) {
        KeyRange range = ranges.get(i);
        new ChunkKey(taskId, source, table.schema(), table.table(), i).bind(statement, 1);
        statement.setString(6, runId);
        statement.setBoolean(7, keyless);
        statement.setString(8, KeyTuple.json(range.lower()));
        statement.setString(9, KeyTuple.json(range.upper()));
        statement.setString(10, ChunkState.PENDING.name());
        statement.addBatch();
        chunks.add(new ValidationChunk(source, table, i, range, keyless, ChunkState.PENDING,
            List.of()));
      }
      statement.executeBatch();
    }
  }

  /** Records a compared chunk's state and differing keys. */
  void record(Connection target, ValidationChunk chunk) throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("UPDATE "
        + MetaSchema.table(TABLE) + " SET state = ?, differing_keys = ? WHERE "
        + ChunkKey.CONDITION + " AND run_id = ?")) {
      statement.setString(1, chunk.state().name());
      statement.setString(2, keysJson(chunk.keys()));
      new ChunkKey(taskId, chunk.source(), chunk.table().schema(), chunk.table().table(),
          chunk.number()).bind(statement, 3);
      statement.setString(8, runId);
      statement.executeUpdate();
    }
  }

  private List<ValidationChunk> select(Connection target, String condition, String... values)
      throws SQLException {
    List<ValidationChunk> chunks = new ArrayList<>();
    try (PreparedStatement statement = target.prepareStatement("SELECT source_name,"
        + " table_schema, table_name, chunk_no, keyless, lower_bound, upper_bound, state,"
        + " differing_keys FROM " + MetaSchema.table(TABLE) + " WHERE task_id = ?"
        + " AND run_id = ?" + condition
        + " ORDER BY source_name, table_schema, table_name, chunk_no")) {
      statement.setString(1, taskId);
      statement.setString(2, runId);
      for (int i = 0; i < values.length; i++) {
        statement.setString(3 + i, values[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          chunks.add(new ValidationChunk(rs.getString(1),
              new TableRef(rs.getString(2), rs.getString(3)), rs.getInt(4), new KeyRange(
              KeyTuple.parse(rs.getString(6)), KeyTuple.parse(rs.getString(7))),
              rs.getBoolean(5), ChunkState.valueOf(rs.getString(8)), keys(rs.getString(9))));
        }
      }
    }
    return chunks;
  }

  private static String keysJson(List<String> keys) {
    if (keys.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(keys);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings always serializes", e);
    }
  }

  private static List<String> keys(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("differing keys in the ledger are not a JSON array: "
          + json, e);
    }
  }
}
