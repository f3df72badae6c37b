package dev.ferry.worker.cdc.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.position.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How stored lane checkpoints turn into a resume point and skip decisions. */
class ResumePlanTest {

  private static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

  private static Position at(long position) {
    return Position.of("bin.000003", position, null);
  }

  private static Position gtid(long last) {
    return Position.of("bin.000003", last * 10, UUID + ":1-" + last);
  }

  private static LaneRow row(int lane, int lanes, Position at) {
    return new LaneRow(lane, lanes, new AppliedPosition(at, null), null);
  }

  @Test
  void startsAtTheInitialPositionWithoutCheckpoints() {
    ResumePlan plan = ResumePlan.of(List.of(), 4, at(100));
    assertThat(plan.point()).isEqualTo(new ResumePoint(at(100), null, false, 0));
    assertThat(plan.rewrite()).isTrue();
    assertThat(plan.applied(at(200), 1)).isFalse();
  }

  @Test
  void skipsWhatTheTransactionsOwnLaneCommitted() {
    ResumePlan plan = ResumePlan.of(List.of(row(0, 2, gtid(5)), row(1, 2, gtid(9))), 2,
        gtid(1));
    assertThat(plan.point().start()).isEqualTo(gtid(5));
    assertThat(plan.rewrite()).isFalse();
    assertThat(plan.applied(gtid(6), 1)).isTrue();
    assertThat(plan.applied(gtid(7), 0)).isFalse();
    assertThat(plan.appliedEverywhere(gtid(5))).isTrue();
    assertThat(plan.applied(gtid(10), 1)).isFalse();
    assertThat(plan.applied(gtid(8), 1)).as("past the highest checkpoint nothing is skipped")
        .isFalse();
    assertThat(plan.forcesSafeMode(gtid(6))).isFalse();
  }

  @Test
  void replaysInSafeModeUpToTheHighestCheckpointWhenTheLaneCountChanged() {
    ResumePlan plan = ResumePlan.of(List.of(row(0, 3, at(300)), row(1, 3, at(900)),
        row(2, 3, at(500))), 2, at(100));
    assertThat(plan.point()).isEqualTo(new ResumePoint(at(300), at(900), true, 3));
    assertThat(plan.rewrite()).isTrue();
    assertThat(plan.applied(at(400), 0)).isFalse();
    assertThat(plan.forcesSafeMode(at(900))).isTrue();
    assertThat(plan.forcesSafeMode(at(1000))).isFalse();

    ResumePlan again = ResumePlan.of(List.of(new LaneRow(0, 2, new AppliedPosition(at(400),
        null), at(900)), new LaneRow(1, 2, new AppliedPosition(at(350), null), at(900))), 2,
        at(100));
    assertThat(again.point()).as("a crash inside the safe window keeps the window")
        .isEqualTo(new ResumePoint(at(350), at(900), false, 2));
    assertThat(again.forcesSafeMode(at(800))).isTrue();
  }

  @Test
  void ordersMariaDbGtidsAndRefusesIncomparableFiles() {
    Position a = Position.of("m.000001", 500, "0-1-10,1-2-4");
    Position b = Position.of("m.000001", 700, "0-1-12,1-2-4");
    assertThat(AppliedPosition.atOrBefore(a, b)).isTrue();
    assertThat(AppliedPosition.atOrBefore(b, a)).isFalse();
    Position other = Position.of("other-bin.000009", 4, null);
    assertThat(AppliedPosition.atOrBefore(other, at(100))).isFalse();
    assertThat(AppliedPosition.atOrBefore(at(100), other)).isFalse();
    assertThat(AppliedPosition.atOrBefore(at(100), Position.of("bin.000004", 4, null)))
        .isTrue();
  }
}
