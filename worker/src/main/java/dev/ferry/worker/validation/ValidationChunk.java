package dev.ferry.worker.validation;

import dev.ferry.worker.catalog.KeyRange;
import dev.ferry.worker.sql.TableRef;
import java.util.List;

/**
 * One chunk of a validation run as the ledger holds it.
 *
 * @param source name of the source
 * @param table source table
 * @param number chunk number within the table, from 0 in key order
 * @param keyless whether the chunk is a whole keyless table
 * @param keys the first differing keys, for people (empty unless mismatched)
 */
record ValidationChunk(String source, TableRef table, int number, KeyRange range,
    boolean keyless, ChunkState state, List<String> keys) {

  ValidationChunk {
    keys = List.copyOf(keys);
  }

  /** The same chunk in another state. */
  ValidationChunk with(ChunkState newState, List<String> newKeys) {
    return new ValidationChunk(source, table, number, range, keyless, newState, newKeys);
  }
}
