package dev.ferry.worker.cdc.apply;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The causality keys of a transaction: for every row change, the target table plus the key
 * values of its before image and of its after image (so an UPDATE that changes the key conflicts
 * with transactions on the old and on the new key), and likewise the values of the target's other
 * unique indexes. A table without a key has one key for the whole table: its changes cannot be
 * told apart, so they keep their order. The first key is always a row key, so the lane of a
 * transaction does not depend on the unique indexes.
 */
final class CausalityKeys {

  private CausalityKeys() {}

  /**
   * The keys of one change: those of its before image, then those of its after image (each
   * image's row key first). A key may appear twice.
   */
  static List<String> of(TargetChange change) {
    List<String> keys = new ArrayList<>(2 + 2 * change.table().uniqueKeys().size());
    add(keys, change.table(), change.before());
    add(keys, change.table(), change.after());
    return keys;
  }

  /**
   * The lane of a transaction with these keys (in order of appearance): a fixed function of its
   * first key and the lane count ({@link String#hashCode()} is specified, so it is the same in
   * every run).
   */
  static int lane(Collection<String> keys, int laneCount) {
    return Math.floorMod(keys.iterator().next().hashCode(), laneCount);
  }

  private static void add(List<String> keys, TargetTable table, Object[] row) {
    if (row == null) {
      return;
    }
    StringBuilder key = new StringBuilder(table.target().toString());
    for (int column : table.key()) {
      key.append('\u0001').append(table.causal(row, column));
    }
    keys.add(key.toString());
    for (TargetTable.UniqueKey unique : table.uniqueKeys()) {
      addUnique(keys, table, unique, row);
    }
  }

  /** A unique index value; NULLs never collide, so a row with one adds nothing. */
  private static void addUnique(List<String> keys, TargetTable table,
      TargetTable.UniqueKey unique, Object[] row) {
    StringBuilder key = new StringBuilder(table.target().toString()).append('\u0002');
    if (unique.columns() != null) {
      key.append(unique.name());
      for (int column : unique.columns()) {
        if (row[column] == null) {
          return;
        }
        key.append('\u0001').append(table.causal(row, column));
      }
    }
    keys.add(key.toString());
  }
}
