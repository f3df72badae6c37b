package dev.ferry.worker.fullload;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes rows of one chunk into the target table within the caller's transaction: rows are added
 * one at a time and sent to the server in batches by {@link #flush}.
 */
interface TargetWriter extends AutoCloseable {

  /** Adds the current row of {@code rs} (the writable columns, in order); returns its bytes. */
  long add(ResultSet rs) throws SQLException;

  /** Sends the rows added since the last flush. */
  void flush() throws SQLException;

  @Override
  void close() throws SQLException;
}
