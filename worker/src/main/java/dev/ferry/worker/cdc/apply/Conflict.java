package dev.ferry.worker.cdc.apply;

import dev.ferry.api.position.Position;

/**
 * A row write that the target disagrees with outside safe mode: the target already holds its key
 * or another of its unique values, or it found a different number of rows than the source
 * changed (none, for a row the target lacks).
 *
 * @param write the write, executed alone
 * @param duplicate whether the target refused it as a duplicate key (else the count differed)
 * @param found rows the write changed (when not a duplicate)
 * @param position where the source transaction of the write ends in the binlog
 */
record Conflict(RowWrite write, boolean duplicate, int found, Position position) {

  /** Which table, which row, what the target did and where in the binlog, for messages. */
  String describe() {
    TargetTable table = write.table();
    String row = "the row " + (table.keyless() ? "equal to " : "with key ")
        + table.describeKey(write.before() != null ? write.before() : write.after());
    String direction = write.verb().equals("INSERT") ? " into " : " in ";
    String what = duplicate
        ? "met a row with the same key or unique value already on the target (duplicate key)"
        : found == 0 ? "found no such row on the target"
        : "changed " + found + " rows on the target where the source changed 1";
    return write.verb() + " of " + row + direction + "target table " + table.target().sql()
        + " (source transaction ending at " + position + ") " + what;
  }
}
