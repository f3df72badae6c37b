package dev.ferry.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.position.Order;
import dev.ferry.api.position.StatusPositions;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointOrderTest {

  @ParameterizedTest(name = "{0}:{1} -> {2}:{3} behind={4}")
  @CsvSource({
      "mysql-bin.000002, 100, mysql-bin.000002, 99, true",
      "mysql-bin.000002, 100, mysql-bin.000002, 100, false",
      "mysql-bin.000002, 100, mysql-bin.000003, 4, false",
      "mysql-bin.000009, 100, mysql-bin.000010, 4, false",
      "mysql-bin.000010, 4, mysql-bin.000009, 900, true",
      "mysql-bin.999999, 4, mysql-bin.1000000, 4, false",
      "mysql-bin.000002, 100, other-bin.000001, 4, false",
  })
  void comparesFilePositions(String f1, long p1, String f2, long p2, boolean behind) {
    assertThat(CheckpointOrder.isBehind(cp(f1, p1, null), cp(f2, p2, null))).isEqualTo(behind);
  }

  @ParameterizedTest(name = "{0} -> {1} behind={2}")
  @CsvSource(delimiter = '|', value = {
      "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-10 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-11 | false",
      "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-10 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-10 | false",
      "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-10 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-9 | true",
      "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-10 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7-10 | true",
      "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-10 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:6-10 | false",
      "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-10 | 4e11fa47-71ca-11e1-9e33-c80aa9429562:1-100 | true",
      "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-10, 4e11fa47-71ca-11e1-9e33-c80aa9429562:1-3 | 4e11fa47-71ca-11e1-9e33-c80aa9429562:1-3, 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-12 | false",
      "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-10 | 3E11FA47-71CA-11E1-9E33-C80AA9429562:1-20 | false",
      "3e11fa47-71ca-11e1-9e33-c80aa9429562:tag:1-3 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-3 | true",
      "3e11fa47-71ca-11e1-9e33-c80aa9429562:tag:1-3 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:tag:1-4 | false",
      "0-1-100 | 0-1-101 | false",
      "0-1-100 | 0-2-100 | false",
      "0-1-100 | 0-1-99 | true",
      "0-1-100,1-1-5 | 0-1-100 | true",
      "0-1-100,1-1-5 | 1-1-6,0-3-200 | false",
  })
  void comparesGtidSetsByContainment(String previous, String next, boolean behind) {
    assertThat(CheckpointOrder.isBehind(gtid(previous), gtid(next))).isEqualTo(behind);
  }

  @Test
  void nothingIsBehindNoCheckpoint() {
    assertThat(CheckpointOrder.isBehind(null, cp("mysql-bin.000001", 4, null))).isFalse();
  }

  @Test
  void gtidWinsOverFilePositionWhenBothHaveOne() {
    SourceCheckpoint previous = cp("mysql-bin.000005", 500, "0-1-100");
    SourceCheckpoint next = cp("mysql-bin.000004", 4, "0-1-101");
    assertThat(CheckpointOrder.isBehind(previous, next)).isFalse();
  }

  private static SourceCheckpoint gtid(String set) {
    return cp(null, 0, set);
  }

  private static SourceCheckpoint cp(String file, long position, String gtid) {
    SourceCheckpoint checkpoint = new SourceCheckpoint();
    checkpoint.setFile(file);
    checkpoint.setPosition(position);
    checkpoint.setGtidSet(gtid);
    return checkpoint;
  }

  @Test
  void onlyGtidSetsOrFilesOfOneBaseNameCompare() {
    assertThat(comparable(cp("mysql-bin.000002", 4, null),
        cp("mysql-bin.000001", 900, null))).isTrue();
    assertThat(comparable(cp("mysql-bin.000002", 4, null),
        cp("other-bin.000001", 900, null))).isFalse();
    assertThat(comparable(cp("mysql-bin.000002", 4, "0-1-5"),
        cp("other-bin.000001", 900, "0-1-7"))).isTrue();
  }

  private static boolean comparable(SourceCheckpoint a, SourceCheckpoint b) {
    return StatusPositions.of(a).relativeTo(StatusPositions.of(b)) != Order.INCOMPARABLE;
  }
}
