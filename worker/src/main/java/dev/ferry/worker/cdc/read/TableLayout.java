package dev.ferry.worker.cdc.read;

import dev.ferry.worker.cdc.change.TableSchema;
import java.util.List;

/**
 * A table as its row events must be decoded: the schema the applier sees and, per column in
 * row-image order, how to turn the binlog's value into the exact Java value.
 */
record TableLayout(TableSchema schema, List<ColumnLayout> columns) {

  TableLayout {
    columns = List.copyOf(columns);
  }
}
