package dev.ferry.worker.fullload;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full-load ledger on the target, {@code ferry_meta.fullload_chunks}: one row per planned
 * chunk, keyed by task, source, table and chunk number, with the chunk's key bounds (JSON),
 * state, rows and bytes. A chunk's rows and its "done" row commit in one target transaction, so
 * a resumed load copies exactly the unfinished chunks, with the boundaries planned first.
 */
final class ChunkLedger {

  static final String TABLE = "fullload_chunks";

  private final String taskId;

  ChunkLedger(String taskId) {
    this.taskId = taskId;
  }

  /**
   * Creates the meta schema and the ledger table when missing, and converts one written with
   * the legacy chunk bounds ({@link LegacyChunkBounds}).
   */
  static void ensure(Connection target) throws SQLException {
    LedgerTable.create(target, TABLE, LedgerTable.CHUNK_COLUMNS
        + " ordinal BIGINT NOT NULL,"
        + LedgerTable.CHUNK_BOUNDS
        + " state VARCHAR(16) NOT NULL,"
        + " rows_copied BIGINT NOT NULL DEFAULT 0,"
        + " bytes_copied BIGINT NOT NULL DEFAULT 0,"
        + LedgerTable.UPDATED_AT
        + LedgerTable.CHUNK_KEY + ","
        + " KEY ordinal_idx (task_id, ordinal)");
    LegacyChunkBounds.convert(target, TABLE);
  }

  /** Every chunk planned for the task, in ordinal order. */
  List<Chunk> chunks(Connection target) throws SQLException {
    List<Chunk> chunks = new ArrayList<>();
    try (PreparedStatement statement = target.prepareStatement(
        "SELECT source_name, table_schema, table_name, chunk_no, ordinal, lower_bound,"
            + " upper_bound, state, rows_copied, bytes_copied FROM " + MetaSchema.table(TABLE)
            + " WHERE task_id = ? ORDER BY ordinal")) {
      statement.setString(1, taskId);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          chunks.add(new Chunk(rs.getString(1), new TableRef(rs.getString(2), rs.getString(3)),
              rs.getInt(4), rs.getLong(5),
              new KeyRange(KeyTuple.parse(rs.getString(6)), KeyTuple.parse(rs.getString(7))),
              rs.getString(8), rs.getLong(9), rs.getLong(10)));
        }
      }
    }
    return chunks;
  }

  /**
   * Whether every chunk that any shard has of {@code table} from {@code source} is done: one
   * lookup by the ledger's key, however many tables the plan holds.
   */
  boolean done(Connection target, String source, TableRef table) throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("SELECT 1 FROM "
        + MetaSchema.table(TABLE) + " WHERE task_id = ? AND source_name = ? AND table_schema = ?"
        + " AND table_name = ? AND state <> ? LIMIT 1")) {
      statement.setString(1, taskId);
      statement.setString(2, source);
      statement.setString(3, table.schema());
      statement.setString(4, table.table());
      statement.setString(5, Chunk.DONE);
      try (ResultSet rs = statement.executeQuery()) {
        return !rs.next();
      }
    }
  }

  /**
   * What every shard has committed so far, per table (keyed as {@link Chunk#tableKey}): chunks
   * planned and done, rows and bytes of finished chunks and of keyless streams still copying.
   */
  Map<String, TableTotals> totals(Connection target) throws SQLException {
    Map<String, TableTotals> totals = new LinkedHashMap<>();
    try (PreparedStatement statement = target.prepareStatement(
        "SELECT source_name, table_schema, table_name, COUNT(*), SUM(state = ?),"
            + " SUM(rows_copied), SUM(bytes_copied) FROM " + MetaSchema.table(TABLE)
            + " WHERE task_id = ? GROUP BY source_name, table_schema, table_name")) {
      statement.setString(1, Chunk.DONE);
      statement.setString(2, taskId);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String key = rs.getString(1) + "/" + new TableRef(rs.getString(2), rs.getString(3));
          totals.put(key, new TableTotals(rs.getInt(4), rs.getInt(5), rs.getLong(6),
              rs.getLong(7)));
        }
      }
    }
    return totals;
  }

  /**
   * Stores the plan of one table (in one transaction, so a table is planned completely or not
   * at all: the caller's when it has one open, else its own), numbering the chunks' ordinals
   * from {@code firstOrdinal}.
   */
  void storePlan(Connection target, String source, TableRef table, List<KeyRange> ranges,
      long firstOrdinal) throws SQLException {
    if (!target.getAutoCommit()) {
      insertPlan(target, source, table, ranges, firstOrdinal);
      return;
    }
    LedgerTable.inTransaction(target, () -> insertPlan(target, source, table, ranges,
        firstOrdinal));
  }

  private void insertPlan(Connection target, String source, TableRef table, List<KeyRange> ranges,
      long firstOrdinal) throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("INSERT INTO "
        + MetaSchema.table(TABLE) + " (task_id, source_name, table_schema, table_name, chunk_no,"
        + " ordinal, lower_bound, upper_bound, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < ranges.size(); i++) {
        KeyRange range = ranges.get(i);
        new ChunkKey(taskId, source, table.schema(), table.table(), i).bind(statement, 1);
        statement.setLong(6, firstOrdinal + i);
        statement.setString(7, KeyTuple.json(range.lower()));
        statement.setString(8, KeyTuple.json(range.upper()));
        statement.setString(9, Chunk.PENDING);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  /**
   * Sets a chunk's state and counters; runs in the caller's transaction, so the "done" row
   * commits together with the chunk's rows.
   *
   * @throws TableChangedException when the chunk is no longer planned (its table was planned
   *     again since)
   */
  void record(Connection target, Chunk chunk, String state, long rows, long bytes)
      throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("UPDATE "
        + MetaSchema.table(TABLE) + " SET state = ?, rows_copied = ?, bytes_copied = ?"
        + " WHERE " + ChunkKey.CONDITION + " AND ordinal = ?")) {
      statement.setString(1, state);
      statement.setLong(2, rows);
      statement.setLong(3, bytes);
      new ChunkKey(taskId, chunk.source(), chunk.table().schema(), chunk.table().table(),
          chunk.number()).bind(statement, 4);
      statement.setLong(9, chunk.ordinal());
      if (statement.executeUpdate() == 0) {
        throw new TableChangedException(chunk.table(), "was planned again while chunk "
            + chunk.number() + " was copied", null);
      }
    }
  }

  /**
   * Marks {@code chunks} done with their rows and bytes ({@code copied}, in the same order) in
   * one round trip (the driver sends the batch as one multi-statement); runs in the caller's
   * transaction, like {@link #record}.
   *
   * @throws TableChangedException when a chunk is no longer planned
   */
  void recordDone(Connection target, List<Chunk> chunks, List<long[]> copied)
      throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("UPDATE "
        + MetaSchema.table(TABLE) + " SET state = ?, rows_copied = ?, bytes_copied = ?"
        + " WHERE " + ChunkKey.CONDITION + " AND ordinal = ?")) {
      for (int i = 0; i < chunks.size(); i++) {
        Chunk chunk = chunks.get(i);
        statement.setString(1, Chunk.DONE);
        statement.setLong(2, copied.get(i)[0]);
        statement.setLong(3, copied.get(i)[1]);
        new ChunkKey(taskId, chunk.source(), chunk.table().schema(), chunk.table().table(),
            chunk.number()).bind(statement, 4);
        statement.setLong(9, chunk.ordinal());
        statement.addBatch();
      }
      int[] updated = statement.executeBatch();
      for (int i = 0; i < chunks.size(); i++) {
        if (updated[i] == 0) {
          throw new TableChangedException(chunks.get(i).table(), "was planned again while"
              + " chunk " + chunks.get(i).number() + " was copied", null);
        }
      }
    }
  }

  /** Removes the plan of one table (it is planned again). */
  void forget(Connection target, String source, TableRef table) throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("DELETE FROM "
        + MetaSchema.table(TABLE) + " WHERE task_id = ? AND source_name = ?"
        + " AND table_schema = ? AND table_name = ?")) {
      statement.setString(1, taskId);
      statement.setString(2, source);
      statement.setString(3, table.schema());
      statement.setString(4, table.table());
      statement.executeUpdate();
    }
  }

  /** One table's figures in the ledger, over every shard. */
  record TableTotals(int chunks, int done, long rows, long bytes) {}
}
