package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.metrics.Operation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of one source transaction, with the row changes per operation and the bytes they
 * carry (for throttling and metrics).
 */
record UnitWrites(List<RowWrite> writes, Map<Operation, Integer> operations, long bytes) {

  /**
   * The writes of {@code changes}, each with its causality keys from {@code keys}, idempotent
   * when {@code safe}.
   */
  static UnitWrites of(List<TargetChange> changes, List<List<String>> keys, boolean safe) {
    List<RowWrite> writes = new ArrayList<>(changes.size());
    Map<Operation, Integer> operations = new EnumMap<>(Operation.class);
    long bytes = 0;
    for (int i = 0; i < changes.size(); i++) {
      TargetChange change = changes.get(i);
      operations.merge(ApplyMetrics.operation(change.operation()), 1, Integer::sum);
      long size = change.size();
      writes.addAll(RowWrite.of(change, keys.get(i), size, safe));
      bytes += size;
    }
    return new UnitWrites(writes, operations, bytes);
  }
}
