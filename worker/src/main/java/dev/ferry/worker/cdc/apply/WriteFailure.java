package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.sql.TableRef;
import java.sql.SQLException;

/** A statement on a target table failed; carries the table for the message. */
final class WriteFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient TableRef table;

  WriteFailure(TableRef table, SQLException cause) {
    super(cause.getMessage(), cause);
    this.table = table;
  }

  TableRef table() {
    return table;
  }

  SQLException sqlCause() {
    return (SQLException) getCause();
  }
}
