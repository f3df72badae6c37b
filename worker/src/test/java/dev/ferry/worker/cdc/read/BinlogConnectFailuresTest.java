package dev.ferry.worker.cdc.read;

import static dev.ferry.worker.cdc.read.ReaderFixture.endpoint;
import static dev.ferry.worker.cdc.read.ReaderFixture.now;
import static dev.ferry.worker.cdc.read.ReaderFixture.reader;
import static dev.ferry.worker.cdc.read.ReaderFixture.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import com.github.shyiko.mysql.binlog.network.ServerException;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cdc.memory.MemoryBudget;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The binlog connection's own refusals: a wrong password is Fatal and says so (not a missing
 * REPLICATION grant), and a second reader with the same server id, as an old and a new worker
 * pod produce for a moment, is not Fatal for the reader it replaces.
 */
class BinlogConnectFailuresTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static DatabaseServer source(Flavor flavor) throws Exception {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    source.execute("DROP DATABASE IF EXISTS bcf", "CREATE DATABASE bcf",
        "CREATE TABLE bcf.t (id INT PRIMARY KEY)");
    return source;
  }

  private static FerryException failureOf(ChangeStream stream) {
    return catchThrowableOfType(FerryException.class, () -> {
      long deadline = System.nanoTime() + ReaderFixture.WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        stream.poll(Duration.ofMillis(200));
      }
    });
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aWrongPasswordOnTheBinlogConnectionIsFatalAndNotAMissingGrant(Flavor flavor)
      throws Exception {
    DatabaseServer source = source(flavor);
    BinaryLogClient client = new BinaryLogClient(source.host(), source.port(),
        source.adminUser(), "not-the-password");
    client.setSSLMode(SSLMode.DISABLED);
    Exception refused = catchException(client::connect);
    assertThat(refused).as("the server refuses the binlog login")
        .isInstanceOf(ServerException.class);

    FerryException failure = BinlogFailures.of(refused, ReaderSettings.of("src",
        endpoint(source, source.adminUser(), "not-the-password"), 4_000_000_002L, now(source),
        false, MemoryBudget.ofThisJvm(1, 1)));

    assertThat(failure.failureClass()).isEqualTo(FailureClass.Fatal);
    assertThat(failure.getMessage()).contains("refused for user " + source.adminUser())
        .contains("credentials Secret").doesNotContain("REPLICATION")
        .doesNotContain("not-the-password");
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aReaderWithAWrongPasswordStopsAsFatalWhenItStarts(Flavor flavor) throws Exception {
    DatabaseServer source = source(flavor);
    FerryException failure = catchThrowableOfType(FerryException.class, () -> reader(
        endpoint(source, source.adminUser(), "not-the-password"), now(source), false, t -> true)
        .close());
    assertThat(failure).isNotNull();
    assertThat(failure.failureClass()).isEqualTo(FailureClass.Fatal);
    assertThat(failure.getMessage()).contains("Access denied").doesNotContain("REPLICATION");
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void theReaderReplacedByOneWithTheSameServerIdRetriesInsteadOfFailing(Flavor flavor)
      throws Exception {
    DatabaseServer source = source(flavor);
    try (ChangeStream old = reader(endpoint(source), now(source), false, t -> true)) {
      source.execute("INSERT INTO bcf.t VALUES (1)");
      assertThat(take(old, 1)).hasSize(1);
      try (ChangeStream replacement = reader(endpoint(source), now(source), false, t -> true)) {
        source.execute("INSERT INTO bcf.t VALUES (2)");
        assertThat(take(replacement, 1)).hasSize(1);
        FerryException failure = failureOf(old);
        assertThat(failure).as("the replaced reader stops").isNotNull();
        assertThat(failure.failureClass()).as(failure.getMessage())
            .isEqualTo(FailureClass.Connection);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
      "MARIADB, binlog_format, STATEMENT, INSERT INTO bcf.w VALUES (2 2), binlog_format=ROW",
      "MYSQL, binlog_format, STATEMENT, INSERT INTO bcf.w VALUES (2 2), binlog_format=ROW",
      "MARIADB, binlog_row_image, MINIMAL, UPDATE bcf.w SET v = 3, binlog_row_image=FULL",
      "MYSQL, binlog_row_image, MINIMAL, UPDATE bcf.w SET v = 3, binlog_row_image=FULL"})
  void aBinlogSettingChangedUnderARunningReaderIsFatalWithTheSetting(Flavor flavor,
      String variable, String value, String change, String remedy) throws Exception {
    DatabaseServer source = source(flavor);
    source.execute("CREATE TABLE bcf.w (id INT PRIMARY KEY, v INT)",
        "INSERT INTO bcf.w VALUES (1, 1)");
    try (ChangeStream stream = reader(endpoint(source), now(source), false, t -> true)) {
      source.execute("SET SESSION " + variable + " = '" + value + "'",
          change.replace("2 2", "2, 2"));
      FerryException failure = failureOf(stream);
      assertThat(failure).as("the reader stops").isNotNull();
      assertThat(failure.failureClass()).isEqualTo(FailureClass.Fatal);
      assertThat(failure.getMessage()).contains(remedy);
    }
  }
}
