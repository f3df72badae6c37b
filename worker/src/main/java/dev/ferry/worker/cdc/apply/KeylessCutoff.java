package dev.ferry.worker.cdc.apply;

import dev.ferry.api.position.Position;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops the changes of a table without a usable key that its full-load copy already holds: the
 * copy read the table in one snapshot at a recorded binlog position (its boundary, {@code
 * ferry_meta.keyless_boundaries}), so exactly the changes of transactions ending after the
 * boundary remain to be applied, and they are applied without safe mode. The stream only moves
 * forward, so a table's boundary is forgotten once a transaction after it has been seen.
 */
final class KeylessCutoff {

  private final Map<TableRef, Position> boundaries;

  /** @param boundaries the boundary of each keyless source table of this source */
  KeylessCutoff(Map<TableRef, Position> boundaries) {
    this.boundaries = new HashMap<>(boundaries);
  }

  /** The row changes of {@code transaction} that are not in the copy of their table. */
  List<RowChange> rows(SourceTransaction transaction) {
    if (boundaries.isEmpty()) {
      return transaction.rows();
    }
    Position end = transaction.end();
    boundaries.entrySet().removeIf(entry -> after(end, entry.getKey(), entry.getValue()));
    if (boundaries.isEmpty()) {
      return transaction.rows();
    }
    List<RowChange> rows = new ArrayList<>(transaction.rows().size());
    for (RowChange row : transaction.rows()) {
      if (!boundaries.containsKey(row.schema().table())) {
        rows.add(row);
      }
    }
    return rows;
  }

  /** Whether the transaction ending at {@code end} is after the snapshot of {@code table}. */
  private static boolean after(Position end, TableRef table, Position boundary) {
    return switch (end.relativeTo(boundary)) {
      // committed before the snapshot was taken: the copy holds it
      case BEFORE, SAME -> false;
      case AFTER -> true;
      // Both with GTID sets, neither containing the other: the transaction's set holds a GTID
      // the snapshot's lacks. Every transaction logged before it was committed before it, so
      // had it been committed before the snapshot, its whole set would be in the snapshot's
      // (gtid_executed at the snapshot): it is after. Otherwise (files of different base
      // names, a position without a file) nothing orders the two, and guessing would either
      // lose the change or apply it twice, so the task stops.
      case INCOMPARABLE -> {
        if (end.ordersByGtids(boundary)) {
          yield true;
        }
        throw new FerryException(FailureClass.Fatal, "cannot tell whether the change at " + end
            + " of table " + table + " (no primary key or NOT NULL unique key) is in its"
            + " full-load copy, read at binlog position " + boundary + ": the two positions"
            + " cannot be ordered (another binlog base name, or no file). Copy the table"
            + " again (restart the task from the full load) or add a primary key");
      }
    };
  }
}
