package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.cdc.change.RowOperation;
import java.util.List;

/**
 * One elementary write of a row change on its target table.
 *
 * @param before the row image that identifies the target row (key or all columns), or null
 * @param after the row image written, or null
 * @param strict whether it must find (UPDATE, DELETE) exactly one row: outside safe mode (and
 *     always on a table without a key) a missing row means the target diverged from the source
 * @param keys the causality keys of its change (see {@link CausalityKeys}): writes that share
 *     none may be applied in any order within one target transaction
 * @param size roughly how many bytes the values of its change take
 */
record RowWrite(Kind kind, TargetTable table, Object[] before, Object[] after, boolean strict,
    List<String> keys, long size) {

  /** What the write does. */
  enum Kind {
    /** Plain INSERT: a row with the same key must not exist. */
    INSERT,
    /** REPLACE: insert, or replace the rows with the same key (safe mode). */
    UPSERT,
    /** UPDATE of the row with the before key. */
    UPDATE,
    /**
     * UPDATE that keeps the key, on a table whose only unique index is the key: several share
     * one {@code INSERT ... ON DUPLICATE KEY UPDATE}, which must update (not insert) every row.
     */
    REWRITE,
    /** DELETE of the row with the before key. */
    DELETE,
    /** Keyless table: UPDATE one row equal to the before image. */
    UPDATE_MATCH,
    /** Keyless table: DELETE one row equal to the before image. */
    DELETE_MATCH;

    /** Whether writes of this kind on one table can share one multi-row statement. */
    boolean multiRow() {
      return this == INSERT || this == UPSERT || this == UPDATE || this == REWRITE
          || this == DELETE;
    }
  }

  /**
   * The writes of one change. In safe mode every write is idempotent: INSERT and UPDATE become
   * an upsert of the after image (REPLACE rather than ON DUPLICATE KEY UPDATE, so a row that
   * holds one of the new row's unique values under another key is replaced instead of being
   * merged into), an UPDATE that changes the key first deletes the old key, and a DELETE may find
   * nothing.
   *
   * <p>Tables without a key are never written idempotently: identical rows are legitimate there,
   * so "insert unless an identical row exists" would lose them. Their changes reach the applier
   * only strictly after the table's snapshot boundary (see {@link CopyCutoff}), so each is
   * applied exactly once: a plain INSERT, and an UPDATE or DELETE of exactly one row equal on
   * all written columns, where finding none is a divergence.
   */
  static List<RowWrite> of(TargetChange change, List<String> keys, long size,
      boolean safeMode) {
    TargetTable table = change.table();
    Object[] before = change.before();
    Object[] after = change.after();
    RowOperation operation = change.operation();
    if (table.keyless()) {
      return List.of(switch (operation) {
        case INSERT -> new RowWrite(Kind.INSERT, table, null, after, false, keys, size);
        case UPDATE -> new RowWrite(Kind.UPDATE_MATCH, table, before, after, true, keys, size);
        case DELETE -> new RowWrite(Kind.DELETE_MATCH, table, before, null, true, keys, size);
      });
    }
    if (!safeMode) {
      return List.of(switch (operation) {
        case INSERT -> new RowWrite(Kind.INSERT, table, null, after, true, keys, size);
        case UPDATE -> new RowWrite(rewritable(table, before, after) ? Kind.REWRITE : Kind.UPDATE,
            table, before, after, true, keys, size);
        case DELETE -> new RowWrite(Kind.DELETE, table, before, null, true, keys, size);
      });
    }
    return switch (operation) {
      case INSERT -> List.of(new RowWrite(Kind.UPSERT, table, null, after, false, keys, size));
      case UPDATE -> table.keyChanged(before, after)
          ? List.of(new RowWrite(Kind.DELETE, table, before, null, false, keys, size),
              new RowWrite(Kind.UPSERT, table, null, after, false, keys, size))
          : List.of(new RowWrite(Kind.UPSERT, table, null, after, false, keys, size));
      case DELETE -> List.of(new RowWrite(Kind.DELETE, table, before, null, false, keys, size));
    };
  }

  /**
   * The writes that make the target hold this write's after image whatever it holds now, for
   * conflict policy Overwrite: an INSERT or UPDATE becomes a REPLACE of the after image (which
   * inserts a missing row and replaces rows holding its key or another of its unique values),
   * after deleting the before row if it is there (an UPDATE that changes the key, or of a
   * table without a key); a DELETE that found nothing has nothing left to do.
   */
  List<RowWrite> overwrite() {
    RowWrite upsert = new RowWrite(Kind.UPSERT, table, null, after, false, keys, size);
    return switch (kind) {
      case INSERT, UPSERT -> List.of(upsert);
      case UPDATE, REWRITE -> table.keyChanged(before, after)
          ? List.of(new RowWrite(Kind.DELETE, table, before, null, false, keys, size), upsert)
          : List.of(upsert);
      case UPDATE_MATCH -> List.of(
          new RowWrite(Kind.DELETE_MATCH, table, before, null, false, keys, size), upsert);
      case DELETE, DELETE_MATCH -> List.of();
    };
  }

  /** The statement a conflict message names: INSERT, UPDATE or DELETE. */
  String verb() {
    return switch (kind) {
      case INSERT, UPSERT -> "INSERT";
      case UPDATE, REWRITE, UPDATE_MATCH -> "UPDATE";
      case DELETE, DELETE_MATCH -> "DELETE";
    };
  }

  /**
   * Whether an UPDATE can be written as an upsert without changing its meaning: it keeps the
   * key, the key is the table's only unique index (so the upsert cannot hit another row), and
   * there are columns besides the key to set.
   */
  private static boolean rewritable(TargetTable table, Object[] before, Object[] after) {
    return table.uniqueKeys().isEmpty() && table.written().length > table.key().length
        && !table.keyChanged(before, after);
  }
}
