package dev.ferry.worker.fullload;

import java.sql.SQLException;

/**
 * Writes batches of one chunk's rows into the target table, within the caller's transaction.
 * Batches come from {@link #newBatch} and may be filled on another thread than the one that
 * sends them.
 */
interface TargetWriter extends AutoCloseable {

  /** A new, empty batch in this writer's format. */
  RowBatch newBatch();

  /** Writes the rows of {@code batch}; the batch is left as it was. */
  void send(RowBatch batch) throws SQLException;

  @Override
  void close() throws SQLException;
}
