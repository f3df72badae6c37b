package dev.ferry.worker.cdc.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What each lane's checkpoint row holds, as last committed: the in-memory mirror of the rows, so
 * the low watermark (the lowest of them) is exactly what a resume would start from.
 */
final class LaneCommits {

  private final AtomicReferenceArray<AppliedPosition> lanes;

  LaneCommits(List<AppliedPosition> start) {
    this.lanes = new AtomicReferenceArray<>(start.toArray(new AppliedPosition[0]));
  }

  AppliedPosition get(int lane) {
    return lanes.get(lane);
  }

  void set(int lane, AppliedPosition position) {
    lanes.set(lane, position);
  }

  void setAll(AppliedPosition position) {
    for (int i = 0; i < lanes.length(); i++) {
      lanes.set(i, position);
    }
  }

  /**
   * Whether every lane is at or beyond {@code position}; a lane that cannot be ordered against
   * it is not (see {@link AppliedPosition#covers}).
   */
  boolean allAtOrBeyond(AppliedPosition position) {
    for (int i = 0; i < lanes.length(); i++) {
      if (!lanes.get(i).covers(position.position())) {
        return false;
      }
    }
    return true;
  }

  AppliedPosition lowest() {
    List<AppliedPosition> all = new ArrayList<>(lanes.length());
    for (int i = 0; i < lanes.length(); i++) {
      all.add(lanes.get(i));
    }
    return AppliedPosition.lowest(all);
  }
}
