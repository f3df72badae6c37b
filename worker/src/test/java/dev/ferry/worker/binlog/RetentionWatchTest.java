package dev.ferry.worker.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.position.Position;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The retention watch against real servers: purged, oldest and soon-purged positions. */
class RetentionWatchTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aPositionWhoseFileWasPurgedIsReportedGone(Flavor flavor) throws Exception {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    String start = currentFile(source);
    source.execute("FLUSH BINARY LOGS", "FLUSH BINARY LOGS");
    try (Connection connection = source.connect()) {
      assertThat(check(connection, start)).isNull();

      BinlogPurge.to(source, currentFile(source));
      RetentionWatch.Risk risk = check(connection, start);

      assertThat(risk.purged()).isTrue();
      assertThat(risk.message()).contains("source src", "the start position (" + start
          + ") was purged", "start over", "binlog retention");
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aPositionInTheOldestClosedFileIsAtRisk(Flavor flavor) throws Exception {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    source.execute("FLUSH BINARY LOGS");
    String start = currentFile(source);
    try (Connection connection = source.connect()) {
      assertThat(check(connection, start)).as("the file being written").isNull();
      source.execute("FLUSH BINARY LOGS");
      BinlogPurge.to(source, start);

      assertThat(check(connection, start).message())
          .contains("the start position is in " + start + ", the oldest binlog");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Flavor.class, names = {"MARIADB", "MYSQL"})
  void aShortRetentionGivesTheTimeLeft(Flavor flavor) throws Exception {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    String retention = source.variable("binlog_expire_logs_seconds");
    try (Connection connection = source.connect()) {
      source.execute("SET GLOBAL binlog_expire_logs_seconds = 1800", "FLUSH BINARY LOGS");
      String start = currentFile(source);
      source.execute("FLUSH BINARY LOGS", "FLUSH BINARY LOGS");
      RetentionWatch watch = new RetentionWatch("src", "the start position", Duration.ZERO);
      Instant first = Instant.now();
      RetentionWatch.Risk unmeasured =
          watch.check(connection, Position.of(start, 4, null), first, Duration.ZERO);
      assertThat(unmeasured == null ? "" : unmeasured.message()).as("no rate measured yet")
          .doesNotContain("in about");

      RetentionWatch.Risk risk = watch.check(connection, Position.of(start, 4, null),
          first.plusSeconds(120), Duration.ZERO);

      assertThat(risk.purged()).isFalse();
      assertThat(risk.message()).containsPattern("the start position is in " + start
          + ".* may be purged in about (20|30) min at the current rate");
    } finally {
      source.execute("SET GLOBAL binlog_expire_logs_seconds = " + retention);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void retentionIsReadFromTheServer(Flavor flavor) throws Exception {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    try (Connection connection = source.connect()) {
      List<BinlogFile> files = BinlogFile.list(connection);
      assertThat(files).isNotEmpty();
      assertThat(files.get(files.size() - 1).name()).isEqualTo(currentFile(source));
      if (flavor == Flavor.MYSQL57) {
        long days = Long.parseLong(source.variable("expire_logs_days"));
        assertThat(BinlogRetention.of(connection).map(Duration::toDays).orElse(0L))
            .isEqualTo(days);
      } else {
        long seconds = Long.parseLong(source.variable("binlog_expire_logs_seconds"));
        assertThat(BinlogRetention.of(connection).map(Duration::toSeconds).orElse(0L))
            .isEqualTo(seconds);
      }
    }
  }

  private static RetentionWatch.Risk check(Connection connection, String file)
      throws Exception {
    return new RetentionWatch("src", "the start position", Duration.ZERO)
        .check(connection, Position.of(file, 4, null), Instant.now(), Duration.ZERO);
  }

  private static String currentFile(DatabaseServer source) throws Exception {
    return BinlogPurge.currentFile(source);
  }
}
