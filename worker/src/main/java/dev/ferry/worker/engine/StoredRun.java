package dev.ferry.worker.engine;

import dev.ferry.worker.task.StateKey;
import java.util.Map;

/**
 * The state one run of a task keeps on the target: its key and how many rows it has in each
 * ledger table of the meta schema.
 *
 * @param key the run's key (task name and run id)
 * @param rows row counts by ledger table
 */
public record StoredRun(StateKey key, Map<String, Long> rows) {

  /** Rows in all ledger tables. */
  public long total() {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }
}
