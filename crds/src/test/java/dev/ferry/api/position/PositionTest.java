package dev.ferry.api.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PositionTest {

  @ParameterizedTest(name = "{0}:{1} vs {2}:{3} = {4}")
  @CsvSource({
      "binlog.999999, 900, binlog.1000000, 4, BEFORE",
      "binlog.1000000, 4, binlog.999999, 900, AFTER",
      "binlog.1000000, 120, binlog.1000000, 120, SAME",
      "binlog.1000001, 4, binlog.1000000, 9000, AFTER",
      "mysql-bin.009999, 4, mysql-bin.10000, 4, BEFORE",
      "binlog.999999, 4, other.1000000, 4, INCOMPARABLE",
      "binlog, 4, binlog, 8, BEFORE",
      "binlog, 4, binlog.000001, 8, INCOMPARABLE",
  })
  void ordersFilesByNumberAcrossTheRollover(String f1, long o1, String f2, long o2, Order order) {
    assertThat(Position.of(f1, o1, null).relativeTo(Position.of(f2, o2, null))).isEqualTo(order);
  }

  @Test
  void gtidSetsDecideWhenBothHaveOneElseFileAndOffset() {
    Position early = Position.of("binlog.1000000", 4, "0-1-10");
    Position late = Position.of("binlog.999999", 4, "0-1-11");
    assertThat(early.relativeTo(late)).isEqualTo(Order.BEFORE);
    assertThat(early.relativeTo(Position.of("binlog.999999", 4, null))).isEqualTo(Order.AFTER);
    assertThat(early.ordersByGtids(late)).isTrue();
    assertThat(early.ordersByGtids(Position.of("binlog.999999", 4, " "))).isFalse();
  }

  @Test
  void gtidSetsOfDifferentFlavoursOrNeitherContainingTheOtherAreIncomparable() {
    String uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    assertThat(GtidSet.parse("0-1-5").relativeTo(GtidSet.parse(uuid + ":1-5")))
        .isEqualTo(Order.INCOMPARABLE);
    assertThat(GtidSet.parse(uuid + ":1-5:7").relativeTo(GtidSet.parse(uuid + ":1-6")))
        .isEqualTo(Order.INCOMPARABLE);
    assertThat(GtidSet.parse(uuid + ":1-5:6-9").relativeTo(GtidSet.parse(uuid + ":1-9")))
        .isEqualTo(Order.SAME);
    assertThat(GtidSet.parse("0-1-5,1-1-3").relativeTo(GtidSet.parse("1-2-3,0-9-5")))
        .isEqualTo(Order.SAME);
    assertThat(GtidSet.parse(" ")).isNull();
  }

  @Test
  void convertsEachWayWithTheStatusTypes() {
    BinlogPosition gtidOnly = new BinlogPosition();
    gtidOnly.setGtidSet("0-1-5");
    assertThat(StatusPositions.of(gtidOnly)).isEqualTo(Position.of(null, 4, "0-1-5"));
    assertThat(StatusPositions.of(new BinlogPosition())).isNull();
    assertThat(StatusPositions.of((SourceCheckpoint) null)).isNull();

    Position position = Position.of("binlog.1000000", 120, "0-1-5");
    SourceCheckpoint checkpoint = new SourceCheckpoint();
    StatusPositions.write(position, checkpoint);
    assertThat(checkpoint.getFile()).isEqualTo("binlog.1000000");
    assertThat(checkpoint.getPosition()).isEqualTo(120L);
    assertThat(checkpoint.getGtidSet()).isEqualTo("0-1-5");
    assertThat(StatusPositions.of(checkpoint)).isEqualTo(position);
    assertThat(StatusPositions.of(StatusPositions.toBinlogPosition(position)))
        .isEqualTo(position);
  }

  @Test
  void aPositionNeedsAFileOrAGtidSet() {
    assertThatThrownBy(() -> Position.of(null, 4, "")).isInstanceOf(
        IllegalArgumentException.class);
  }
}
