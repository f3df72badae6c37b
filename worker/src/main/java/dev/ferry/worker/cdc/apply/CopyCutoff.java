package dev.ferry.worker.cdc.apply;

import dev.ferry.api.position.Position;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.meta.CopyBoundaries;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drops the changes that a table's full-load copy already holds: every chunk of a table was read
 * after its boundary ({@code ferry_meta.copy_boundaries}), so its row changes and its DDL in
 * transactions ending at or before the boundary are in the copy (and in the definition its
 * target table was made from), and exactly those after it remain to be applied. For a table
 * without a usable key the boundary is the position of the one snapshot it was read in, and its
 * changes after it are applied without safe mode. The stream only moves forward, so a table's
 * boundary is forgotten once a transaction after it has been seen.
 *
 * <p>A table without a copy of its own that a held DDL makes from a copied table (a gh-ost or
 * pt-osc shadow made {@code LIKE} it, the table a held RENAME moves it to) takes over that
 * table's boundary ({@link #inherit}): it did not exist when the copy began (every migrated
 * table then gets a boundary), so its changes up to there are in the copy too.
 *
 * <p>One instance serves the stream's thread (rows, DDL) and the binlog reader's (whether rows
 * it cannot decode may be dropped).
 */
public final class CopyCutoff {

  private final Map<TableRef, Position> boundaries;

  /** @param boundaries the boundary of each source table of this source that has one */
  public CopyCutoff(Map<TableRef, Position> boundaries) {
    this.boundaries = new ConcurrentHashMap<>(boundaries);
  }

  /** The boundaries recorded for {@code source} by the full load of run {@code stateKey}. */
  public static CopyCutoff read(Connection target, String stateKey, String source)
      throws SQLException {
    return new CopyCutoff(new CopyBoundaries(stateKey).boundaries(target, source));
  }

  /**
   * Gives {@code table}, which has no boundary, the boundary of {@code from} (see the class
   * comment).
   */
  public void inherit(TableRef table, TableRef from) {
    Position boundary = boundaries.get(from);
    if (boundary != null) {
      boundaries.putIfAbsent(table, boundary);
    }
  }

  /**
   * Records that {@code table} was copied with the boundary {@code boundary} while the stream
   * runs (it entered the migrated set), in place of any boundary it had.
   */
  public void copiedAt(TableRef table, Position boundary) {
    boundaries.put(table, boundary);
  }

  /** The row changes of {@code transaction} that are not in the copy of their table. */
  List<RowChange> rows(SourceTransaction transaction) {
    return rows(transaction.rows(), transaction.end());
  }

  /**
   * Of {@code changes}, rows of the transaction ending at {@code end} (all, or a chunk of a
   * spilled one), those that are not in the copy of their table.
   */
  List<RowChange> rows(List<RowChange> changes, Position end) {
    if (boundaries.isEmpty()) {
      return changes;
    }
    boundaries.entrySet().removeIf(entry -> after(end, entry.getKey(), entry.getValue()));
    if (boundaries.isEmpty()) {
      return changes;
    }
    List<RowChange> rows = new ArrayList<>(changes.size());
    for (RowChange row : changes) {
      if (!boundaries.containsKey(row.schema().table())) {
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * Whether the copy of the source table {@code table} holds a DDL ending at {@code end}: the
   * table has a boundary and the DDL is not after it. Null when the table has no boundary (its
   * copy says nothing about the DDL).
   */
  public Boolean holds(TableRef table, Position end) {
    Position boundary = boundaries.get(table);
    return boundary == null ? null : !after(end, table, boundary);
  }

  /** Whether the copy of {@code table} holds its changes in a transaction ending at {@code end}. */
  public boolean inCopy(TableRef table, Position end) {
    return Boolean.TRUE.equals(holds(table, end));
  }

  /** Whether the transaction ending at {@code end} is after the copy boundary of {@code table}. */
  private static boolean after(Position end, TableRef table, Position boundary) {
    return switch (end.relativeTo(boundary)) {
      // committed before the boundary was read: the copy holds it
      case BEFORE, SAME -> false;
      case AFTER -> true;
      // Both with GTID sets, neither containing the other: the transaction's set holds a GTID
      // the boundary's lacks. Every transaction logged before it was committed before it, so
      // had it been committed before the boundary, its whole set would be in the boundary's
      // (gtid_executed at the boundary): it is after. Otherwise (files of different base
      // names, a position without a file) nothing orders the two, and guessing would either
      // lose the change or apply it twice, so the task stops.
      case INCOMPARABLE -> {
        if (end.ordersByGtids(boundary)) {
          yield true;
        }
        throw new FerryException(FailureClass.Fatal, "cannot tell whether the change at " + end
            + " of table " + table + " is in its full-load copy, which began at binlog"
            + " position " + boundary + ": the two positions cannot be ordered (another binlog"
            + " base name, or no file). Copy the table again (restart the task from the full"
            + " load)");
      }
    };
  }
}
