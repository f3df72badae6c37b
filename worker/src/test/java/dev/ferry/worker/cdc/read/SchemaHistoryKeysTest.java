package dev.ferry.worker.cdc.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.position.Position;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.db.Database;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key a row is applied by (and whose hash picks its apply lane) is its table's key at the
 * row's binlog position, from the schema history, so that a stream resumed after a crash routes
 * every transaction as the first time: a unique key whose name sorts first, then a primary key,
 * are added after rows that were keyed otherwise. Row events without column names
 * ({@code binlog_row_metadata=MINIMAL}; MySQL 5.7 always).
 */
class SchemaHistoryKeysTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void rowsKeepTheKeyOfTheirPositionAcrossResumes(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    boolean hasMetadataSetting = flavor != Flavor.MYSQL57;
    if (hasMetadataSetting) {
      source.execute("SET GLOBAL binlog_row_metadata = MINIMAL");
    }
    try (Database sourceDb = Database.open(ReaderFixture.endpoint(source), 2);
        Database targetDb = Database.open(ReaderFixture.endpoint(pair.target()), 1)) {
      source.execute("CREATE DATABASE app", "CREATE TABLE app.k (id INT NOT NULL,"
          + " u INT NOT NULL, z INT NOT NULL, UNIQUE KEY `zz` (z))");
      Position start = ReaderFixture.now(source);
      String owner = "ns/keys-" + flavor + "@1";
      try (SchemaHistory history = SchemaHistory.open(sourceDb, targetDb, owner, "src", start,
          table -> true)) {
        source.execute("INSERT INTO app.k VALUES (1, 10, 100)",
            "ALTER TABLE app.k ADD UNIQUE KEY `a_first` (u)",
            "INSERT INTO app.k VALUES (2, 20, 200)",
            "ALTER TABLE app.k ADD PRIMARY KEY (id)",
            "INSERT INTO app.k VALUES (3, 30, 300)");
        assertThat(keys(ReaderFixture.read(source, start, history, 5)))
            .as("z, then u (a_first), then id (PRIMARY)")
            .containsExactly(List.of(2), null, List.of(1), null, List.of(0));
      }
      try (SchemaHistory resumed = SchemaHistory.open(sourceDb, targetDb, owner, "src", start,
          table -> true)) {
        assertThat(keys(ReaderFixture.read(source, start, resumed, 5))).as("resumed at the start")
            .containsExactly(List.of(2), null, List.of(1), null, List.of(0));
      }
      Position afterUnique;
      try (SchemaHistory again = SchemaHistory.open(sourceDb, targetDb, owner, "src", start,
          table -> true)) {
        afterUnique = ReaderFixture.read(source, start, again, 2).get(1).end();
      }
      try (SchemaHistory middle = SchemaHistory.open(sourceDb, targetDb, owner, "src",
          afterUnique, table -> true)) {
        assertThat(pair.target().query("SELECT seq FROM ferry_meta.schema_history"
            + " WHERE task_id = '" + owner + "' ORDER BY seq"))
            .as("the version in force at the resume is kept, older and later ones are deleted")
            .containsExactly(List.of(1L));
        assertThat(keys(ReaderFixture.read(source, afterUnique, middle, 3)))
            .as("resumed after the unique key was added")
            .containsExactly(List.of(1), null, List.of(0));
      }
    } finally {
      if (hasMetadataSetting) {
        source.execute("SET GLOBAL binlog_row_metadata = FULL");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Flavor.class, names = {"MARIADB", "MYSQL"})
  void withColumnNamesInTheBinlogAHistoryThatDisagreesIsFatal(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    source.execute("SET GLOBAL binlog_row_metadata = FULL", "CREATE DATABASE app",
        "CREATE TABLE app.k (id INT PRIMARY KEY, u INT)");
    Position start = ReaderFixture.now(source);
    String owner = "ns/full-" + flavor + "@1";
    try (Database sourceDb = Database.open(ReaderFixture.endpoint(source), 2);
        Database targetDb = Database.open(ReaderFixture.endpoint(pair.target()), 1)) {
      SchemaHistory.open(sourceDb, targetDb, owner, "src", start, table -> true).close();
      pair.target().execute("UPDATE ferry_meta.schema_history SET create_table ="
          + " REPLACE(create_table, '`u`', '`v`') WHERE task_id = '" + owner + "'");
      source.execute("INSERT INTO app.k VALUES (1, 10)");
      try (SchemaHistory history = SchemaHistory.open(sourceDb, targetDb, owner, "src", start,
          table -> true)) {
        assertThatThrownBy(() -> ReaderFixture.read(source, start, history, 1))
            .isInstanceOfSatisfying(FerryException.class, e -> {
              assertThat(e.failureClass()).isEqualTo(FailureClass.Fatal);
              assertThat(e.getMessage()).contains("app.k").contains("[id LONG, u LONG]")
                  .contains("[id int, v int]").contains("ferry_meta.schema_history");
            });
      }
    }
  }

  /** Per transaction, the key columns of its row, or null for a DDL. */
  private static List<List<Integer>> keys(List<SourceTransaction> transactions) {
    List<List<Integer>> keys = new ArrayList<>();
    for (SourceTransaction transaction : transactions) {
      keys.add(transaction.isDdl() ? null
          : transaction.rows().get(0).schema().keyColumns());
    }
    return keys;
  }
}
