package dev.ferry.worker.fullload;

import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.meta.LedgerTable;
import dev.ferry.worker.meta.MetaSchema;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Converts a full-load ledger written before chunks took their one bound convention. Such a
 * ledger stored each chunk as (lower, upper], with the same boundary values the planner finds
 * now; read as [lower, upper), a chunk gives its upper boundary row to the next chunk. That row
 * is lost only where an unfinished chunk is followed by a finished one, so such a finished
 * chunk is made pending again: copying it twice is harmless, since the load keeps rows the
 * target already has with the same key. The column comments then record the new convention,
 * which marks the ledger as converted.
 */
final class LegacyChunkBounds {

  /** How the ledgers before the change described {@code lower_bound}. */
  private static final String LEGACY_LOWER = "JSON array of key values, exclusive";

  private LegacyChunkBounds() {}

  /** Converts {@code table} (in the meta schema) when it still has the legacy bounds. */
  static void convert(Connection target, String table) throws SQLException {
    if (!legacy(target, table)) {
      return;
    }
    String ledger = MetaSchema.table(table);
    try (Statement statement = target.createStatement()) {
      statement.executeUpdate("UPDATE " + ledger + " later JOIN " + ledger + " earlier"
          + " ON later.task_id = earlier.task_id AND later.source_name = earlier.source_name"
          + " AND later.table_schema = earlier.table_schema"
          + " AND later.table_name = earlier.table_name"
          + " AND later.chunk_no = earlier.chunk_no + 1"
          + " SET later.state = '" + Chunk.PENDING + "', later.rows_copied = 0,"
          + " later.bytes_copied = 0"
          + " WHERE earlier.state <> '" + Chunk.DONE + "' AND later.state = '" + Chunk.DONE + "'");
      statement.execute("ALTER TABLE " + ledger + " MODIFY " + LedgerTable.LOWER_BOUND
          + ", MODIFY " + LedgerTable.UPPER_BOUND);
    }
  }

  private static boolean legacy(Connection target, String table) throws SQLException {
    return CatalogReader.columns(target, Scope.table(new TableRef(MetaSchema.NAME, table)))
        .values().stream().flatMap(List::stream)
        .anyMatch(c -> c.name().equals("lower_bound") && LEGACY_LOWER.equals(c.comment()));
  }
}
