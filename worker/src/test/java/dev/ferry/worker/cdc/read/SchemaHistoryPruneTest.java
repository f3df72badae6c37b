package dev.ferry.worker.cdc.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.position.Position;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cdc.change.SourceColumn;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.db.Database;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The schema history stays bounded while a stream runs: versions older than a table's last one
 * in force at the lowest lane checkpoint are deleted as the checkpoint moves, and a resume there
 * still decodes with the right version.
 */
class SchemaHistoryPruneTest {

  private static final String VERSIONS = "SELECT seq FROM ferry_meta.schema_history"
      + " WHERE task_id = ? AND table_name = 't' ORDER BY seq";

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(value = Flavor.class, names = {"MARIADB", "MYSQL57"})
  void versionsNoResumeNeedsAreDeletedAsTheCheckpointMoves(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, a INT)",
        "CREATE TABLE app.other (id INT PRIMARY KEY)");
    Position start = ReaderFixture.now(source);
    String owner = "ns/prune-" + flavor + "@1";
    try (Database sourceDb = Database.open(ReaderFixture.endpoint(source), 2);
        Database targetDb = Database.open(ReaderFixture.endpoint(pair.target()), 1)) {
      List<SourceTransaction> read;
      try (SchemaHistory history = SchemaHistory.open(sourceDb, targetDb, owner, "src", start,
          table -> true)) {
        source.execute("ALTER TABLE app.t CHANGE a b INT", "INSERT INTO app.t VALUES (1, 1)",
            "ALTER TABLE app.t CHANGE b c INT", "INSERT INTO app.t VALUES (2, 2)",
            "ALTER TABLE app.t CHANGE c d INT");
        read = ReaderFixture.read(source, start, history, 5);
        assertThat(versions(pair, owner)).containsExactly(0L, 1L, 2L, 3L);

        history.prune(start);
        assertThat(versions(pair, owner)).as("nothing applied yet").hasSize(4);
        history.prune(read.get(3).end());
        assertThat(versions(pair, owner)).as("applied up to the row after 'CHANGE b c'")
            .containsExactly(2L, 3L);
        history.prune(read.get(4).end());
        assertThat(versions(pair, owner)).containsExactly(3L);
        assertThat(pair.target().query("SELECT COUNT(*) FROM ferry_meta.schema_history"
            + " WHERE task_id = '" + owner + "' AND table_name = 'other'").get(0).get(0))
            .as("a table no DDL changed keeps its one version").isEqualTo(1L);
      }
      source.execute("INSERT INTO app.t VALUES (3, 3)");
      try (SchemaHistory resumed = SchemaHistory.open(sourceDb, targetDb, owner, "src",
          read.get(4).end(), table -> true)) {
        SourceTransaction row =
            ReaderFixture.read(source, read.get(4).end(), resumed, 1).get(0);
        assertThat(row.rows().get(0).schema().columns()).extracting(SourceColumn::name)
            .containsExactly("id", "d");
      }
    }
  }

  private static List<Long> versions(DatabasePair pair, String owner) throws Exception {
    return pair.target().query(VERSIONS.replace("?", "'" + owner + "'")).stream()
        .map(row -> ((Number) row.get(0)).longValue()).toList();
  }
}
