package dev.ferry.worker.cdc.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Arranges the row writes of one target transaction into runs that each share one statement
 * (see {@link BatchWriter}). Writes of transactions batched together arrive interleaved across
 * tables; a write joins the last run of its table and kind (and strictness) unless a later run
 * holds a write that shares a causality key with it. So a write only overtakes writes it does
 * not conflict with, and writes that share a key keep their order (inside one statement, rows
 * apply in order). Since the runs commit together, the result equals applying the writes one by
 * one in their original order.
 */
final class WriteRuns {

  private WriteRuns() {}

  /** The runs, in execution order; each holds writes of one table and kind in original order. */
  static List<List<RowWrite>> of(List<RowWrite> writes) {
    List<List<RowWrite>> runs = new ArrayList<>();
    Map<String, Integer> lastRunOfKey = new HashMap<>();
    Map<Shape, Integer> lastRunOfShape = new HashMap<>();
    for (RowWrite write : writes) {
      int conflict = -1;
      for (String key : write.keys()) {
        Integer run = lastRunOfKey.get(key);
        if (run != null && run > conflict) {
          conflict = run;
        }
      }
      Shape shape = write.kind().multiRow()
          ? new Shape(write.table(), write.kind(), write.strict()) : null;
      Integer candidate = shape == null ? null : lastRunOfShape.get(shape);
      int run;
      if (candidate != null && candidate >= conflict) {
        run = candidate;
      } else {
        runs.add(new ArrayList<>());
        run = runs.size() - 1;
        if (shape != null) {
          lastRunOfShape.put(shape, run);
        }
      }
      runs.get(run).add(write);
      for (String key : write.keys()) {
        lastRunOfKey.put(key, run);
      }
    }
    return runs;
  }

  /** What writes must have in common to share a statement. */
  private record Shape(TargetTable table, RowWrite.Kind kind, boolean strict) {}
}
