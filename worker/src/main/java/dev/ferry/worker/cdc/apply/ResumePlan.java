package dev.ferry.worker.cdc.apply;

import dev.ferry.api.position.Position;
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
  private final Position highestLane;
  private final boolean rewrite;
  private boolean pastLanes;
  private boolean pastSafeMode;

  private ResumePlan(ResumePoint point, AppliedPosition start, List<AppliedPosition> lanes,
      boolean rewrite) {
    this.point = point;
    this.start = start;
    this.lanes = List.copyOf(lanes);
    this.highestLane = highest(lanes.stream().map(AppliedPosition::position).toList());
    this.rewrite = rewrite;
  }

  /** The plan for {@code laneCount} lanes from the stored {@code rows}. */
  static ResumePlan of(List<LaneRow> rows, int laneCount, Position initialStart) {
    Objects.requireNonNull(initialStart, "initialStart");
    if (rows.isEmpty()) {
      AppliedPosition start = new AppliedPosition(initialStart, null);
      return new ResumePlan(new ResumePoint(initialStart, null, false, 0), start,
          Collections.nCopies(laneCount, start), true);
    }
    AppliedPosition lowest = AppliedPosition.lowest(rows.stream().map(LaneRow::at).toList());
    List<Position> safeBounds = new ArrayList<>(rows.stream()
        .map(LaneRow::safeModeUntil).filter(Objects::nonNull).toList());
    int previousLaneCount = rows.get(0).laneCount();
    if (consistent(rows, laneCount)) {
      Position safe = beyond(highest(safeBounds), lowest);
      return new ResumePlan(new ResumePoint(lowest.position(), safe, false, laneCount),
          lowest, rows.stream().map(LaneRow::at).toList(), false);
    }
    rows.forEach(row -> safeBounds.add(row.at().position()));
    Position safe = beyond(highest(safeBounds), lowest);
    return new ResumePlan(new ResumePoint(lowest.position(), safe, true, previousLaneCount),
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

  private static Position beyond(Position bound, AppliedPosition start) {
    return bound == null || start.covers(bound) ? null : bound;
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
  boolean applied(Position end, int lane) {
    return notPastLanes(end) && lanes.get(lane).covers(end);
  }

  /** Whether the DDL ending at {@code end} is applied: every lane moved past it. */
  boolean appliedEverywhere(Position end) {
    return notPastLanes(end) && lanes.stream()
        .allMatch(lane -> lane.covers(end));
  }

  /** Whether the transaction ending at {@code end} must be applied idempotently. */
  boolean forcesSafeMode(Position end) {
    Position bound = point.safeModeUntil();
    if (bound == null || pastSafeMode) {
      return false;
    }
    pastSafeMode = !AppliedPosition.atOrBefore(end, bound);
    return !pastSafeMode;
  }

  private boolean notPastLanes(Position end) {
    if (!pastLanes && !AppliedPosition.atOrBefore(end, highestLane)) {
      pastLanes = true;
    }
    return !pastLanes;
  }

  /**
   * The latest of {@code positions}, the later of equal ones; one that cannot be ordered against
   * the latest so far is passed over.
   */
  private static Position highest(List<Position> positions) {
    Position highest = null;
    for (Position p : positions) {
      if (highest == null || AppliedPosition.atOrBefore(highest, p)) {
        highest = p;
      }
    }
    return highest;
  }
}
