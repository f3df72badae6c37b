package dev.ferry.worker.fullload;

import dev.ferry.worker.catalog.KeyRange;
import dev.ferry.worker.sql.TableRef;

/**
 * One planned chunk as the ledger records it.
 *
 * @param source the source name
 * @param table the source table
 * @param number position of the chunk in its table, from 0
 * @param ordinal position over the whole plan; shard {@code i} of {@code n} copies the chunks
 *     with {@code ordinal % n == i}
 * @param state {@link #PENDING}, {@link #COPYING} (a keyless table's stream has started) or
 *     {@link #DONE}
 */
record Chunk(String source, TableRef table, int number, long ordinal, KeyRange range,
    String state, long rows, long bytes) {

  static final String PENDING = "pending";
  static final String COPYING = "copying";
  static final String DONE = "done";

  boolean done() {
    return DONE.equals(state);
  }

  /** The table's identity within the task, for grouping. */
  String tableKey() {
    return source + "/" + table;
  }
}
