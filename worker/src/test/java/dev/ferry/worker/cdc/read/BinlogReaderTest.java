package dev.ferry.worker.cdc.read;

import static dev.ferry.worker.cdc.read.ReaderFixture.endpoint;
import static dev.ferry.worker.cdc.read.ReaderFixture.now;
import static dev.ferry.worker.cdc.read.ReaderFixture.reader;
import static dev.ferry.worker.cdc.read.ReaderFixture.take;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.position.Position;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.RowOperation;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.db.Endpoint;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Transactions, resume, filtering and DDL against real MariaDB and MySQL sources. */
class BinlogReaderTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static DatabaseServer source(Flavor flavor) throws SQLException {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    source.execute("DROP DATABASE IF EXISTS rd", "CREATE DATABASE rd",
        "CREATE TABLE rd.r (id INT PRIMARY KEY, v VARCHAR(20))",
        "CREATE TABLE rd.other (id INT PRIMARY KEY)");
    return source;
  }

  @ParameterizedTest
  @CsvSource({"MARIADB, false", "MARIADB, true", "MYSQL, false", "MYSQL, true",
      "MYSQL57, false", "MYSQL57, true"})
  void transactionsResumeExactlyFromTheirEnd(Flavor flavor, boolean gtid) throws Exception {
    DatabaseServer source = source(flavor);
    Position start = now(source);
    try (Connection connection = source.connect();
        Statement statement = connection.createStatement()) {
      for (int i = 1; i <= 3; i++) {
        statement.execute("INSERT INTO rd.r VALUES (" + i + ", 'one')");
      }
      connection.setAutoCommit(false);
      statement.execute("INSERT INTO rd.r VALUES (10, 'a'), (11, 'b')");
      statement.execute("UPDATE rd.r SET v = 'c' WHERE id = 10");
      statement.execute("DELETE FROM rd.r WHERE id = 1");
      connection.commit();
      connection.setAutoCommit(true);
      statement.execute("INSERT INTO rd.r VALUES (20, 'last')");
    }
    List<SourceTransaction> firstPart;
    try (ChangeStream stream = reader(endpoint(source), start, gtid, t -> true)) {
      firstPart = take(stream, 2);
    }
    assertThat(firstPart).extracting(t -> t.rows().get(0).after()[0]).containsExactly(1L, 2L);
    Position resume = firstPart.get(1).end();
    if (gtid) {
      assertThat(resume.gtidText()).isNotBlank();
    }
    try (ChangeStream stream = reader(endpoint(source), resume, gtid, t -> true)) {
      List<SourceTransaction> rest = take(stream, 3);
      assertThat(rest.get(0).rows()).singleElement()
          .satisfies(row -> assertThat(row.after()).containsExactly(3L, "one"));
      List<RowChange> multi = rest.get(1).rows();
      assertThat(multi).extracting(RowChange::operation).containsExactly(RowOperation.INSERT,
          RowOperation.INSERT, RowOperation.UPDATE, RowOperation.DELETE);
      assertThat(multi.get(2).before()).containsExactly(10L, "a");
      assertThat(multi.get(2).after()).containsExactly(10L, "c");
      assertThat(multi.get(3).before()).containsExactly(1L, "one");
      assertThat(multi.get(0).schema().keyColumns()).containsExactly(0);
      assertThat(rest.get(2).rows().get(0).after()).containsExactly(20L, "last");
      assertThat(rest.get(2).end()).isEqualTo(now(source));
      assertThat(stream.poll(Duration.ofMillis(1500))).satisfiesAnyOf(
          next -> assertThat(next).isNull(),
          next -> assertThat(next.rows()).isEmpty());
      assertThat(stream.lastSeen()).isNotNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void rowsOfOtherTablesAreSkippedButTheEndStillAdvances(Flavor flavor) throws Exception {
    DatabaseServer source = source(flavor);
    Position start = now(source);
    try (ChangeStream stream = reader(endpoint(source), start, true,
        table -> table.equals(new TableRef("rd", "r")))) {
      source.execute("INSERT INTO rd.other VALUES (1)", "INSERT INTO rd.other VALUES (2)",
          "INSERT INTO rd.other VALUES (3)");
      Position after = now(source);
      long deadline = System.nanoTime() + ReaderFixture.WAIT.toNanos();
      SourceTransaction last = null;
      while (System.nanoTime() < deadline && (last == null || !last.end().equals(after))) {
        SourceTransaction next = stream.poll(Duration.ofMillis(200));
        if (next != null) {
          assertThat(next.rows()).isEmpty();
          assertThat(next.isDdl()).isFalse();
          last = next;
        }
      }
      assertThat(last).isNotNull();
      assertThat(last.end()).isEqualTo(after);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void ddlIsClassifiedAndLaterRowsUseTheNewColumns(Flavor flavor) throws Exception {
    DatabaseServer source = source(flavor);
    Position start = now(source);
    try (ChangeStream stream = reader(endpoint(source), start, true, t -> true)) {
      String[] statements = {"INSERT INTO rd.r VALUES (1, 'x')",
          "ALTER TABLE rd.r ADD COLUMN extra INT NOT NULL DEFAULT 7",
          "INSERT INTO rd.r VALUES (2, 'y', 8)",
          "RENAME TABLE rd.other TO rd.other2, rd.r TO rd.r2"};
      List<SourceTransaction> all = new ArrayList<>();
      if (flavor == Flavor.MYSQL57) {
        // MySQL 5.7 row events name no columns: the reader takes them from information_schema
        // as it is when it reads the row, so each row is read before the next DDL runs (rows
        // read after a later DDL fail; see IncrementalPhaseTest)
        for (String statement : statements) {
          source.execute(statement);
          all.addAll(take(stream, 1));
        }
      } else {
        source.execute(statements);
        all.addAll(take(stream, 4));
      }
      assertThat(all.get(0).rows().get(0).after()).containsExactly(1L, "x");
      DdlChange alter = all.get(1).ddl();
      assertThat(alter.kind()).isEqualTo(DdlChange.Kind.ALTER_TABLE);
      assertThat(alter.tables()).containsExactly(new TableRef("rd", "r"));
      RowChange row = all.get(2).rows().get(0);
      assertThat(row.after()).containsExactly(2L, "y", 8L);
      assertThat(row.schema().columns()).extracting(c -> c.name())
          .containsExactly("id", "v", "extra");
      assertThat(all.get(3).ddl().kind()).isEqualTo(DdlChange.Kind.RENAME_TABLE);
      assertThat(all.get(3).ddl().tables()).containsExactly(new TableRef("rd", "other"),
          new TableRef("rd", "other2"), new TableRef("rd", "r"), new TableRef("rd", "r2"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Flavor.class, names = {"MARIADB", "MYSQL"})
  void rowsKeepTheKeyTheyWereLoggedWithWhenTheKeyChangesLater(Flavor flavor) throws Exception {
    DatabaseServer source = source(flavor);
    source.execute("CREATE TABLE rd.k (id INT NOT NULL, u INT NOT NULL, UNIQUE KEY by_u (u))");
    Position start = now(source);
    try (ChangeStream stream = reader(endpoint(source), start, true, t -> true)) {
      source.execute("INSERT INTO rd.r VALUES (1, 'x')",
          "INSERT INTO rd.k VALUES (1, 1)",
          "ALTER TABLE rd.r DROP PRIMARY KEY",
          "INSERT INTO rd.r VALUES (2, 'y')",
          "ALTER TABLE rd.r ADD PRIMARY KEY (v)",
          "ALTER TABLE rd.k ADD PRIMARY KEY (id)");
      List<SourceTransaction> all = take(stream, 6);
      assertThat(all.get(0).rows().get(0).schema().keyColumns())
          .as("the primary key when the row was logged").containsExactly(0);
      assertThat(all.get(1).rows().get(0).schema().keyColumns())
          .as("a unique key without a primary key").containsExactly(1);
      assertThat(all.get(3).rows().get(0).schema().keyColumns())
          .as("no key when the row was logged, though the table has one now").isEmpty();
    }
  }

  /** Only MySQL: the test MariaDB runs with --skip-ssl (certificates cost seconds per start). */
  @Test
  void readsOverTlsWhenRequired() throws Exception {
    DatabaseServer source = source(Flavor.MYSQL);
    Endpoint plain = endpoint(source);
    Endpoint tls = new Endpoint(plain.name(), plain.host(), plain.port(), plain.credentials(),
        TlsMode.Required, null, true);
    Position start = now(source);
    source.execute("INSERT INTO rd.r VALUES (1, 'secret')");
    try (ChangeStream stream = reader(tls, start, false, t -> true)) {
      assertThat(take(stream, 1).get(0).rows().get(0).after()).containsExactly(1L, "secret");
    }
  }

  /**
   * A MySQL GTID set with a gap: a transaction logged with an explicit GTID_NEXT ahead of the
   * sequence, later ones filling the gap. Resuming from a set that holds the ahead transaction
   * delivers exactly the others, and the checkpoint ends equal to the server's gtid_executed.
   */
  @Test
  void mySqlGtidSetWithAGapResumesWithExactlyTheMissingTransactions() throws Exception {
    DatabaseServer source = source(Flavor.MYSQL);
    source.execute("INSERT INTO rd.r VALUES (1, 'before')");
    Position start = now(source);
    String uuid = String.valueOf(source.query("SELECT @@server_uuid").get(0).get(0));
    long last = 0;
    Matcher intervals = Pattern.compile(Pattern.quote(uuid) + "((?::\\d+(?:-\\d+)?)+)")
        .matcher(start.gtidText());
    while (intervals.find()) {
      for (String bound : intervals.group(1).split("[:-]")) {
        last = bound.isEmpty() ? last : Math.max(last, Long.parseLong(bound));
      }
    }
    String ahead = uuid + ":" + (last + 3);
    source.execute("SET SESSION GTID_NEXT = '" + ahead + "'",
        "INSERT INTO rd.r VALUES (2, 'ahead')", "SET SESSION GTID_NEXT = 'AUTOMATIC'",
        "INSERT INTO rd.r VALUES (3, 'fills 1')", "INSERT INTO rd.r VALUES (4, 'fills 2')",
        "INSERT INTO rd.r VALUES (5, 'after')");
    Position withGap = Position.of(start.file(), start.offset(),
        start.gtidText() + "," + ahead);

    try (ChangeStream stream = reader(endpoint(source), withGap, true, t -> true)) {
      List<SourceTransaction> rest = take(stream, 3);

      assertThat(rest).extracting(t -> t.rows().get(0).after()[0]).containsExactly(3L, 4L, 5L);
      String end = rest.get(2).end().gtidText();
      try (Connection connection = source.connect();
          PreparedStatement same = connection.prepareStatement(
              "SELECT GTID_SUBSET(?, @@gtid_executed) AND GTID_SUBSET(@@gtid_executed, ?)")) {
        same.setString(1, end);
        same.setString(2, end);
        try (ResultSet rs = same.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).as("checkpoint %s equals gtid_executed", end).isEqualTo(1);
        }
      }
    }
  }
}
