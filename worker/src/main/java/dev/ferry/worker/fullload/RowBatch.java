package dev.ferry.worker.fullload;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Rows of one chunk held for the target: filled row by row by the thread that reads the source,
 * then handed to the thread that writes them ({@link TargetWriter#send}), and cleared for reuse.
 */
interface RowBatch {

  /** Adds the current row of {@code rs} (the writable columns, in order); returns its bytes. */
  long add(ResultSet rs) throws SQLException;

  /** The rows added since the last {@link #clear}. */
  int rows();

  /** The value bytes of those rows (the throttle's and progress' measure). */
  long bytes();

  /** Empties the batch for reuse. */
  void clear();
}
