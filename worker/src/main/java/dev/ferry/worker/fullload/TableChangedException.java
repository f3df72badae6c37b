package dev.ferry.worker.fullload;

import dev.ferry.worker.sql.TableRef;
import java.sql.SQLException;
import java.util.Set;

/**
 * A chunk's table changed while the chunk was read or written (a DDL on the source, or another
 * shard made the table again): the chunk is rolled back and the load plans the table again from
 * its current definition. Never a failure of the task.
 */
final class TableChangedException extends SQLException {

  /** Unknown column, no such table, table definition changed (a snapshot older than a DDL). */
  private static final Set<Integer> CHANGE_ERRORS = Set.of(1054, 1146, 1412);

  private final TableRef table;

  TableChangedException(TableRef table, String what, Throwable cause) {
    super("table " + table + " " + what, cause);
    this.table = table;
  }

  /** Whether a statement on a source table failed because the table changed under it. */
  static boolean causedBy(SQLException failure) {
    return CHANGE_ERRORS.contains(failure.getErrorCode());
  }

  /** The source table that changed. */
  TableRef table() {
    return table;
  }
}
