package dev.ferry.worker.cdc.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.engine.RunStates;
import dev.ferry.worker.engine.StoredRun;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The schema-history scratch databases a killed worker leaves on the target (its stream never
 * dropped them) go with its run's state: removing a stale run ({@code ferry cleanup}, the
 * operator's cleanup pod) drops that run's and no other's.
 */
class ScratchLeftoversTest {

  private static final String SCRATCH = "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"
      + " WHERE SCHEMA_NAME LIKE 'ferry\\_h\\_%' ORDER BY SCHEMA_NAME";

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(value = Flavor.class, names = {"MARIADB", "MYSQL"})
  void removingARunDropsTheScratchDatabasesItsKilledStreamsLeft(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    DatabaseServer target = pair.target();
    source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)",
        "CREATE DATABASE crm", "CREATE TABLE crm.c (id INT PRIMARY KEY)");
    try (Database sourceDb = Database.open(ReaderFixture.endpoint(source), 2);
        Database targetDb = Database.open(ReaderFixture.endpoint(target), 1)) {
      // opened and never closed: what a killed worker leaves
      SchemaHistory.open(sourceDb, targetDb, "ns/a@old", "src", ReaderFixture.now(source),
          table -> true);
      List<List<Object>> old = target.query(SCRATCH);
      SchemaHistory current = SchemaHistory.open(sourceDb, targetDb, "ns/a@cur", "src",
          ReaderFixture.now(source), table -> true);
      List<List<Object>> both = target.query(SCRATCH);
      assertThat(old).as("one scratch database per source schema").hasSize(2);
      assertThat(both).hasSize(4).containsAll(old);

      try (Connection connection = target.connect()) {
        StoredRun stale = RunStates.stale(connection, "ns/a", "cur").get(0);
        RunStates.remove(connection, stale);
      }
      assertThat(target.query(SCRATCH)).as("the current run's copies stay")
          .hasSize(2).doesNotContainAnyElementsOf(old);
      current.close();
      assertThat(target.query(SCRATCH)).isEmpty();
    }
  }
}
