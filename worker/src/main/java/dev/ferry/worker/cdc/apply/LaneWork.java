package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.metrics.Operation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One source transaction dispatched to a lane.
 *
 * @param entry its place in the watermark
 * @param writes the row writes, in order
 * @param keys its causality keys, released once committed
 * @param rows how many row changes it has
 * @param operations how many of them insert, update and delete rows
 * @param heapBytes roughly how much heap its row images take, for the lane's queue bound
 */
record LaneWork(Watermark.Entry entry, List<RowWrite> writes, Set<String> keys, int rows,
    Map<Operation, Integer> operations, long heapBytes) implements LaneItem {

  AppliedPosition end() {
    return entry.end();
  }
}
