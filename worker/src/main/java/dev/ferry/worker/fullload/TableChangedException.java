package dev.ferry.worker.fullload;

import dev.ferry.worker.sql.TableRef;
import java.sql.SQLException;

/**
 * A chunk's table changed while the chunk was read or written (a DDL on the source, or another
 * shard made the table again): the chunk is rolled back and the load plans the table again from
 * its current definition. Never a failure of the task.
 */
final class TableChangedException extends SQLException {

  private final TableRef table;

  TableChangedException(TableRef table, String what, Throwable cause) {
    super("table " + table + " " + what, cause);
    this.table = table;
  }

  /** The source table that changed. */
  TableRef table() {
    return table;
  }
}
