package dev.ferry.worker.cdc.read;

import static dev.ferry.worker.cdc.read.ReaderFixture.endpoint;
import static dev.ferry.worker.cdc.read.ReaderFixture.now;
import static dev.ferry.worker.cdc.read.ReaderFixture.reader;
import static dev.ferry.worker.cdc.read.ReaderFixture.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.api.position.Position;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cdc.change.SourceColumn;
import dev.ferry.worker.cdc.change.SourceTransaction;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Failures surface from poll() with the right class and a remedy; metadata fallbacks. */
class BinlogReaderFailureTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static DatabaseServer source(Flavor flavor) throws Exception {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    source.execute("DROP DATABASE IF EXISTS fl", "CREATE DATABASE fl",
        "CREATE TABLE fl.t (id INT PRIMARY KEY, v INT UNSIGNED)");
    return source;
  }

  /** Polls until the stream fails, or fails the test after the wait. */
  private static FerryException failureOf(ChangeStream stream) {
    return catchThrowableOfType(FerryException.class, () -> {
      long deadline = System.nanoTime() + ReaderFixture.WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        stream.poll(Duration.ofMillis(200));
      }
    });
  }

  @ParameterizedTest
  @CsvSource({"MARIADB, false", "MARIADB, true", "MYSQL, false", "MYSQL, true",
      "MYSQL57, false", "MYSQL57, true"})
  void purgedBinlogIsFatalAndNamesTheOldestBinlog(Flavor flavor, boolean gtid) throws Exception {
    DatabaseServer source = source(flavor);
    Position old = now(source);
    source.execute("INSERT INTO fl.t VALUES (1, 1)", "FLUSH BINARY LOGS",
        "INSERT INTO fl.t VALUES (2, 2)", "FLUSH BINARY LOGS");
    String current = now(source).file();
    source.execute("PURGE BINARY LOGS TO '" + current + "'");
    List<List<Object>> binlogs = source.query("SHOW BINARY LOGS");
    String oldest = String.valueOf(binlogs.get(0).get(0));
    assertThat(binlogs).extracting(row -> row.get(0)).doesNotContain(old.file());
    try (ChangeStream stream = reader(endpoint(source), old, gtid, t -> true)) {
      FerryException failure = failureOf(stream);
      assertThat(failure).isNotNull();
      assertThat(failure.failureClass()).isEqualTo(FailureClass.Fatal);
      assertThat(failure.getMessage()).contains(gtid ? old.gtidText() : old.file())
          .contains("oldest binlog")
          .contains("is " + oldest).contains("full load");
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void unknownGtidAtResumeIsFatal(Flavor flavor) throws Exception {
    DatabaseServer source = source(flavor);
    Position current = now(source);
    String ahead = flavor == Flavor.MARIADB ? "0-" + source.serverId() + "-999999"
        : current.gtidText().split(":")[0] + ":1-999999";
    Position future = Position.of(current.file(), current.offset(), ahead);
    try (ChangeStream stream = reader(endpoint(source), future, true, t -> true)) {
      FerryException failure = failureOf(stream);
      assertThat(failure).isNotNull();
      assertThat(failure.failureClass()).isEqualTo(FailureClass.Fatal);
      assertThat(failure.getMessage()).contains(ahead).contains("oldest binlog");
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void missingReplicationPrivilegeFailsClearly(Flavor flavor) throws Exception {
    DatabaseServer source = source(flavor);
    source.createUser("cdc_noslave", "pw-noslave", "SELECT ON *.*");
    try (ChangeStream stream =
        reader(endpoint(source, "cdc_noslave", "pw-noslave"), now(source), false, t -> true)) {
      FerryException failure = failureOf(stream);
      assertThat(failure).isNotNull();
      assertThat(failure.failureClass()).isEqualTo(FailureClass.Fatal);
      assertThat(failure.getMessage()).contains("REPLICATION SLAVE").contains("cdc_noslave")
          .doesNotContain("pw-noslave");
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void serverRestartIsAConnectionFailure(Flavor flavor) throws Exception {
    DatabaseServer source = source(flavor);
    try (ChangeStream stream = reader(endpoint(source), now(source), false, t -> true)) {
      source.execute("INSERT INTO fl.t VALUES (1, 1)");
      assertThat(take(stream, 1)).hasSize(1);
      source.restart();
      FerryException failure = failureOf(stream);
      assertThat(failure).isNotNull();
      assertThat(failure.failureClass()).isEqualTo(FailureClass.Connection);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void withoutColumnNamesInTheBinlogTheSchemaTrackerNamesThem(Flavor flavor) throws Exception {
    DatabaseServer source = source(flavor);
    Position start = now(source);
    // MySQL 5.7 has no binlog_row_metadata: its row events never name the columns
    boolean mysql57 = flavor == Flavor.MYSQL57;
    try {
      if (!mysql57) {
        source.execute("SET GLOBAL binlog_row_metadata = MINIMAL");
      }
      source.execute("INSERT INTO fl.t VALUES (1, 4294967295)");
      try (ChangeStream stream = reader(endpoint(source), start, false, t -> true)) {
        SourceTransaction insert = take(stream, 1).get(0);
        assertThat(insert.rows().get(0).schema().columns()).extracting(SourceColumn::name)
            .containsExactly("id", "v");
        assertThat(insert.rows().get(0).after()).containsExactly(1L, 4294967295L);
      }
      Position beforeAlter = now(source);
      source.execute("INSERT INTO fl.t VALUES (2, 2)",
          "ALTER TABLE fl.t ADD COLUMN w INT");
      try (ChangeStream stream = reader(endpoint(source), beforeAlter, false,
          t -> t.table().equals("t"))) {
        FerryException failure = failureOf(stream);
        assertThat(failure).isNotNull();
        assertThat(failure.failureClass()).isEqualTo(FailureClass.Fatal);
        assertThat(failure.getMessage()).contains("binlog_row_metadata=FULL").contains("fl.t");
      }
    } finally {
      if (!mysql57) {
        source.execute("SET GLOBAL binlog_row_metadata = FULL");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void transactionsReadBeforeAFailureAreDeliveredFirst(Flavor flavor) throws Exception {
    DatabaseServer source = source(flavor);
    Position start = now(source);
    source.execute("INSERT INTO fl.t VALUES (1, 1)", "INSERT INTO fl.t VALUES (2, 2)");
    try (ChangeStream stream = reader(endpoint(source), start, false, t -> true)) {
      Awaitility.await().atMost(ReaderFixture.WAIT).until(() -> stream.lastSeen() != null);
      Thread.sleep(1000);
      source.restart();
      assertThat(take(stream, 2)).extracting(t -> t.rows().get(0).after()[0])
          .containsExactly(1L, 2L);
      assertThat(failureOf(stream).failureClass()).isEqualTo(FailureClass.Connection);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void compressedEventsAreFatalNotSkipped(Flavor flavor) throws Exception {
    Assumptions.assumeTrue(flavor != Flavor.MYSQL57,
        "MySQL 5.7 cannot compress its binlog (binlog_transaction_compression came in 8.0.20)");
    DatabaseServer source = source(flavor);
    source.execute("CREATE TABLE fl.big (id INT PRIMARY KEY, body TEXT)");
    Position start = now(source);
    String insert = "INSERT INTO fl.big VALUES (1, REPEAT('compress me ', 200))";
    try {
      if (flavor == Flavor.MARIADB) {
        source.execute("SET GLOBAL log_bin_compress = ON", insert);
      } else {
        source.execute("SET SESSION binlog_transaction_compression = ON", insert);
      }
      try (ChangeStream stream = reader(endpoint(source), start, false, t -> true)) {
        FerryException failure = failureOf(stream);
        assertThat(failure).isNotNull();
        assertThat(failure.failureClass()).isEqualTo(FailureClass.Fatal);
        assertThat(failure.getMessage()).contains(flavor == Flavor.MARIADB
            ? "log_bin_compress=OFF" : "binlog_transaction_compression=OFF");
      }
    } finally {
      if (flavor == Flavor.MARIADB) {
        source.execute("SET GLOBAL log_bin_compress = OFF");
      }
    }
  }

  @Test
  void partialJsonUpdatesOfMySqlAreFatalAndNameTheRemedy() throws Exception {
    DatabaseServer source = source(Flavor.MYSQL);
    source.execute("CREATE TABLE fl.doc (id INT PRIMARY KEY, body JSON)",
        "INSERT INTO fl.doc VALUES (1, JSON_OBJECT('name', REPEAT('n', 300), 'count', 1))");
    Position start = now(source);
    source.execute("SET SESSION binlog_row_value_options = 'PARTIAL_JSON'",
        "UPDATE fl.doc SET body = JSON_SET(body, '$.count', 2) WHERE id = 1");
    assertThat(source.query("SHOW BINLOG EVENTS IN '" + start.file() + "' FROM "
        + start.offset())).extracting(row -> String.valueOf(row.get(2)))
        .contains("Update_rows_partial");

    try (ChangeStream stream = reader(endpoint(source), start, false, t -> true)) {
      FerryException failure = failureOf(stream);
      assertThat(failure).isNotNull();
      assertThat(failure.failureClass()).isEqualTo(FailureClass.Fatal);
      assertThat(failure.getMessage()).contains("PARTIAL_UPDATE_ROWS_EVENT")
          .contains("binlog_row_value_options=''");
    }
  }
}
