package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.cdc.change.RowOperation;

/** A row change bound for its target table, with the source row images. */
record TargetChange(TargetTable table, RowOperation operation, Object[] before, Object[] after) {

  /** Roughly how many bytes it carries. */
  long size() {
    return Values.size(before) + Values.size(after);
  }
}
