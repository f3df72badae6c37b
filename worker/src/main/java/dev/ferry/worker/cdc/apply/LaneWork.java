package dev.ferry.worker.cdc.apply;

import java.util.List;
import java.util.Set;

/**
 * One source transaction dispatched to a lane.
 *
 * @param entry its place in the watermark
 * @param writes the row writes, in order
 * @param keys its causality keys, released once committed
 * @param rows how many row changes it has
 */
record LaneWork(Watermark.Entry entry, List<RowWrite> writes, Set<String> keys, int rows)
    implements LaneItem {

  AppliedPosition end() {
    return entry.end();
  }
}
