package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.cdc.change.RowOperation;

/** A row change bound for its target table, with the source row images. */
record TargetChange(TargetTable table, RowOperation operation, Object[] before, Object[] after) {

  /** Roughly how many bytes it carries. */
  long size() {
    return Values.size(before) + Values.size(after);
  }

  /**
   * Whether it makes the target change child rows through a foreign key (a DELETE, or an
   * UPDATE of referenced values, of a parent row whose key has a CASCADE or SET NULL rule).
   */
  boolean cascades() {
    for (TargetTable.ParentKey parent : table.parentKeys()) {
      if (operation == RowOperation.DELETE && parent.key().actsOnDelete()
          || operation == RowOperation.UPDATE && parent.key().actsOnUpdate()
              && parent.changed(before, after)) {
        return true;
      }
    }
    return false;
  }
}
