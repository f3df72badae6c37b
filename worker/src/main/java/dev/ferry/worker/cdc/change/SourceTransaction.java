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
 * @param rows the row changes (empty for a DDL)
 * @param ddl the DDL statement, or null for a row transaction
 * @param end where the binlog stands right after this unit; the checkpoint once it is applied
 * @param commitTime the source's commit timestamp (from the event headers)
 * @param gtid the unit's own GTID as the source announced it ({@code uuid:n} or {@code
 *     domain-server-sequence}), or null where it has none
 */
public record SourceTransaction(String source, List<RowChange> rows, DdlChange ddl,
    Position end, Instant commitTime, String gtid) {

  public SourceTransaction {
    rows = List.copyOf(rows);
  }

  /** Whether this unit is a DDL statement. */
  public boolean isDdl() {
    return ddl != null;
  }
}
