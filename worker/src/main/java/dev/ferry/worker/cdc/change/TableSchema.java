package dev.ferry.worker.cdc.change;

import dev.ferry.worker.sql.TableRef;
import java.util.List;

/**
 * The layout of a source table at the point of a row event: columns in row-image order and the
 * key that identifies a row (primary key, or a unique key over NOT NULL columns).
 *
 * @param keyColumns indexes into {@code columns} of the identifying key; empty when the table
 *     has none (such rows are matched on all columns)
 */
public record TableSchema(TableRef table, List<SourceColumn> columns, List<Integer> keyColumns) {

  public TableSchema {
    columns = List.copyOf(columns);
    keyColumns = List.copyOf(keyColumns);
  }
}
