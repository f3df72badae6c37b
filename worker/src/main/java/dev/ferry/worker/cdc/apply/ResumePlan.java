package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.cdc.BinlogCoordinates;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What the stored lane checkpoints mean for a resume, and which replayed transactions are
 * already applied.
 *
 * <p>A lane commits its transactions in binlog order, each batch together with its checkpoint
 * row, and the lane of a transaction depends only on the transaction and the lane count. So when
 * the lane count is unchanged, a replayed transaction is applied exactly when its end is at or
 * before the checkpoint of its lane. With another lane count that test is meaningless: every
 * transaction from the lowest to the highest checkpoint is applied again, idempotently, and the
 * rows are rewritten for the new lane count with that safe-mode bound, so a crash during that
 * window still resumes in safe mode.
 */
final class ResumePlan {

  private final ResumePoint point;
  private final AppliedPosition start;
  private final List<AppliedPosition> lanes;
  private final BinlogCoordinates highestLane;
  private final boolean rewrite;
  private boolean pastLanes;
  private boolean pastSafeMode;

  private ResumePlan(ResumePoint point, AppliedPosition start, List<AppliedPosition> lanes,
      boolean rewrite) {
    this.point = point;
    this.start = start;
    this.lanes = List.copyOf(lanes);
    this.highestLane = PositionOrder.highest(lanes.stream().map(AppliedPosition::coordinates)
        .toList());
    this.rewrite = rewrite;
  }

  /** The plan for {@code laneCount} lanes from the stored {@code rows}. */
  static ResumePlan of(List<LaneRow> rows, int laneCount, BinlogCoordinates initialStart) {
    Objects.requireNonNull(initialStart, "initialStart");
    if (rows.isEmpty()) {
      AppliedPosition start = new AppliedPosition(initialStart, null);
      return new ResumePlan(new ResumePoint(initialStart, null, false, 0), start,
          Collections.nCopies(laneCount, start), true);
    }
    AppliedPosition lowest = PositionOrder.lowest(rows.stream().map(LaneRow::at).toList());
    List<BinlogCoordinates> safeBounds = new ArrayList<>(rows.stream()
        .map(LaneRow::safeModeUntil).filter(Objects::nonNull).toList());
    int previousLaneCount = rows.get(0).laneCount();
    if (consistent(rows, laneCount)) {
      BinlogCoordinates safe = beyond(PositionOrder.highest(safeBounds), lowest);
      return new ResumePlan(new ResumePoint(lowest.coordinates(), safe, false, laneCount),
          lowest, rows.stream().map(LaneRow::at).toList(), false);
    }
    rows.forEach(row -> safeBounds.add(row.at().coordinates()));
    BinlogCoordinates safe = beyond(PositionOrder.highest(safeBounds), lowest);
    return new ResumePlan(new ResumePoint(lowest.coordinates(), safe, true, previousLaneCount),
        lowest, Collections.nCopies(laneCount, lowest), true);
  }

  private static boolean consistent(List<LaneRow> rows, int laneCount) {
    if (rows.size() != laneCount) {
      return false;
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).lane() != i || rows.get(i).laneCount() != laneCount) {
        return false;
      }
    }
    return true;
  }

  private static BinlogCoordinates beyond(BinlogCoordinates bound, AppliedPosition start) {
    return bound == null || PositionOrder.atOrBefore(bound, start.coordinates()) ? null : bound;
  }

  ResumePoint point() {
    return point;
  }

  /** Where every lane starts. */
  AppliedPosition start() {
    return start;
  }

  /** The checkpoint of each lane at the start. */
  List<AppliedPosition> lanes() {
    return lanes;
  }

  /** Whether the rows must be (re)written for the current lane count before applying. */
  boolean rewrite() {
    return rewrite;
  }

  /** Whether the row transaction ending at {@code end}, routed to {@code lane}, is applied. */
  boolean applied(BinlogCoordinates end, int lane) {
    return notPastLanes(end) && PositionOrder.atOrBefore(end, lanes.get(lane).coordinates());
  }

  /** Whether the DDL ending at {@code end} is applied: every lane moved past it. */
  boolean appliedEverywhere(BinlogCoordinates end) {
    return notPastLanes(end) && lanes.stream()
        .allMatch(lane -> PositionOrder.atOrBefore(end, lane.coordinates()));
  }

  /** Whether the transaction ending at {@code end} must be applied idempotently. */
  boolean forcesSafeMode(BinlogCoordinates end) {
    BinlogCoordinates bound = point.safeModeUntil();
    if (bound == null || pastSafeMode) {
      return false;
    }
    pastSafeMode = !PositionOrder.atOrBefore(end, bound);
    return !pastSafeMode;
  }

  private boolean notPastLanes(BinlogCoordinates end) {
    if (!pastLanes && !PositionOrder.atOrBefore(end, highestLane)) {
      pastLanes = true;
    }
    return !pastLanes;
  }
}
