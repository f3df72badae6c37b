package dev.ferry.worker.cdc.change;

import dev.ferry.api.position.Position;
import dev.ferry.worker.sql.DdlChange;
import java.time.Instant;
import java.util.List;

/**
 * One committed unit of a source's binlog, in binlog order: either a transaction's row changes
 * or one DDL statement. It is applied atomically and never split.
 *
 * @param source the source's name (spec.sources[].name)
 * @param rows the row changes held in memory (empty for a DDL, and when they are spilled)
 * @param ddl the DDL statement, or null for a row transaction
 * @param end where the binlog stands right after this unit; the checkpoint once it is applied
 * @param commitTime the source's commit timestamp (from the event headers)
 * @param gtid the unit's own GTID as the source announced it ({@code uuid:n} or {@code
 *     domain-server-sequence}), or null where it has none
 * @param spilled the row changes of a transaction too large for the heap, in a local file;
 *     null when they are in {@code rows}
 */
public record SourceTransaction(String source, List<RowChange> rows, DdlChange ddl,
    Position end, Instant commitTime, String gtid, SpilledRows spilled) {

  public SourceTransaction {
    rows = List.copyOf(rows);
    if (spilled != null && !rows.isEmpty()) {
      throw new IllegalArgumentException("a transaction's rows are either spilled or in memory");
    }
  }

  /** A transaction whose rows are in memory. */
  public SourceTransaction(String source, List<RowChange> rows, DdlChange ddl, Position end,
      Instant commitTime, String gtid) {
    this(source, rows, ddl, end, commitTime, gtid, null);
  }

  /** Whether the rows are in a local file ({@link #spilled()}) rather than in {@link #rows()}. */
  public boolean isSpilled() {
    return spilled != null;
  }

  /** How many row changes the transaction has, in memory or spilled. */
  public int rowCount() {
    return spilled == null ? rows.size() : spilled.count();
  }

  /**
   * Roughly how much heap the rows in memory take (see {@link RowChange#heapBytes()}); spilled
   * rows are on disk and count nothing.
   */
  public long heapBytes() {
    long bytes = 0;
    for (RowChange row : rows) {
      bytes += row.heapBytes();
    }
    return bytes;
  }

  /** Whether this unit is a DDL statement. */
  public boolean isDdl() {
    return ddl != null;
  }
}
