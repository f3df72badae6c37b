package dev.ferry.worker.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The retention estimate on synthetic {@code SHOW BINARY LOGS} listings. */
class RetentionEstimateTest {

  private static final List<BinlogFile> FILES = List.of(
      new BinlogFile("binlog.000010", 1000),
      new BinlogFile("binlog.000011", 2000),
      new BinlogFile("binlog.000012", 3000),
      new BinlogFile("binlog.000013", 400));

  private static final Optional<Duration> DAY = Optional.of(Duration.ofHours(24));

  @Test
  void timeLeftIsTheRetentionMinusTheBytesWrittenSinceTheFileClosedAtTheMeasuredRate() {
    // 3400 bytes written after .000011 at 0.1 byte/s: closed about 34,000 s (9.4 h) ago
    RetentionEstimate estimate =
        RetentionEstimate.of("binlog.000011", FILES, DAY, 0.1, Duration.ZERO);

    assertThat(estimate.kept()).isTrue();
    assertThat(estimate.filesBefore()).isEqualTo(1);
    assertThat(estimate.bytesBefore()).isEqualTo(1000);
    assertThat(estimate.oldest()).isFalse();
    assertThat(estimate.timeLeft()).contains(Duration.ofSeconds(86_400 - 34_000));
  }

  @Test
  void timeSeenClosedIsALowerBoundOfTheAge() {
    RetentionEstimate estimate = RetentionEstimate.of("binlog.000012", FILES, DAY, 0.1,
        Duration.ofHours(20));

    assertThat(estimate.timeLeft()).contains(Duration.ofHours(4));
  }

  @Test
  void aFileOlderThanTheRetentionHasNoTimeLeft() {
    assertThat(RetentionEstimate.of("binlog.000010", FILES, DAY, 0.001, Duration.ZERO)
        .timeLeft()).contains(Duration.ZERO);
  }

  @Test
  void theOldestClosedFileIsNextToBePurged() {
    assertThat(RetentionEstimate.of("binlog.000010", FILES, DAY, 0, Duration.ZERO).oldest())
        .isTrue();
    assertThat(RetentionEstimate.of("binlog.000010", FILES.subList(0, 1), DAY, 0, Duration.ZERO)
        .oldest()).as("the file being written is never purged").isFalse();
  }

  @Test
  void theFileBeingWrittenHasAtLeastTheRetention() {
    assertThat(RetentionEstimate.of("binlog.000013", FILES, DAY, 5, Duration.ZERO).timeLeft())
        .isEqualTo(DAY);
  }

  @Test
  void noTimeWithoutAutomaticPurgeOrWithoutARate() {
    assertThat(RetentionEstimate.of("binlog.000011", FILES, Optional.empty(), 5, Duration.ZERO)
        .timeLeft()).isEmpty();
    assertThat(RetentionEstimate.of("binlog.000011", FILES, DAY, 0, Duration.ZERO).timeLeft())
        .isEmpty();
  }

  @Test
  void purgedMeansNumberedBeforeTheOldestKeptFileOfTheSameBase() {
    assertThat(RetentionEstimate.purged("binlog.000009", FILES)).isTrue();
    assertThat(RetentionEstimate.purged("binlog.000011", FILES)).isFalse();
    assertThat(RetentionEstimate.purged("binlog.000014", FILES)).as("not written yet").isFalse();
    assertThat(RetentionEstimate.purged("other.000001", FILES)).as("another server").isFalse();
    assertThat(RetentionEstimate.purged("binlog.999999",
        List.of(new BinlogFile("binlog.1000000", 10)))).as("by number, not text").isTrue();
    assertThat(RetentionEstimate.of("binlog.000009", FILES, DAY, 1, Duration.ZERO).kept())
        .isFalse();
  }

  @Test
  void durationsReadInWholeHoursOrTensOfMinutes() {
    assertThat(RetentionWatch.human(Duration.ofMinutes(190))).isEqualTo("3 h");
    assertThat(RetentionWatch.human(Duration.ofSeconds(1725))).isEqualTo("20 min");
    assertThat(RetentionWatch.human(Duration.ofSeconds(540))).isEqualTo("9 min");
    assertThat(RetentionWatch.human(Duration.ofSeconds(40))).isEqualTo("less than a minute");
  }
}
