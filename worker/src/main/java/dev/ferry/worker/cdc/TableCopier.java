package dev.ferry.worker.cdc;

import dev.ferry.api.position.Position;
import dev.ferry.worker.catalog.TableMapping;
import java.sql.SQLException;

/**
 * Copies a table that the stream brings into the migrated set (a RENAME TABLE of a table that is
 * not migrated to a name that is) from the source as it is now, and returns the binlog position
 * of the copy (its boundary, recorded beside the full load's): the copy holds the table's changes
 * up to there, the stream applies those after it. The full load implements it; the engine hands
 * it over.
 */
@FunctionalInterface
public interface TableCopier {

  /** Copies {@code table} of source {@code source}; returns its boundary. */
  Position copy(String source, TableMapping table) throws SQLException, InterruptedException;
}
