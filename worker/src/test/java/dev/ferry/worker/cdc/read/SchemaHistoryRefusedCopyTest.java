package dev.ferry.worker.cdc.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.position.Position;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A copy of the schema history that the target server refuses (a MySQL functional index on
 * MariaDB) leaves only that table out of the history: the copies created after it, through the
 * same session, are there and read back.
 */
class SchemaHistoryRefusedCopyTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @Test
  void aRefusedCopyLeavesOnlyItsTableOut() throws Exception {
    DatabasePair pair = dbs.pair(Flavor.MYSQL, Flavor.MARIADB);
    pair.reset();
    DatabaseServer source = pair.source();
    source.execute("CREATE DATABASE app",
        "CREATE TABLE app.a (id INT PRIMARY KEY, n INT) DEFAULT CHARSET = latin1",
        "CREATE TABLE app.b (id INT PRIMARY KEY, n INT, KEY f ((n + 1))) DEFAULT CHARSET = latin1",
        "CREATE TABLE app.c (id INT PRIMARY KEY, m INT, u INT NOT NULL, UNIQUE KEY (u))"
            + " DEFAULT CHARSET = latin1");
    Position start = ReaderFixture.now(source);
    try (Database sourceDb = Database.open(ReaderFixture.endpoint(source), 2);
        Database targetDb = Database.open(ReaderFixture.endpoint(pair.target()), 1);
        SchemaHistory history = SchemaHistory.open(sourceDb, targetDb, "ns/refused@1", "src",
            start, table -> true)) {
      assertThat(history.table(new TableRef("app", "b"))).as("refused by MariaDB").isNull();
      assertThat(history.table(new TableRef("app", "a")).columns())
          .extracting(SchemaTracker.TrackedColumn::name).containsExactly("id", "n");
      SchemaTracker.TrackedTable after = history.table(new TableRef("app", "c"));
      assertThat(after.columns()).extracting(SchemaTracker.TrackedColumn::name)
          .containsExactly("id", "m", "u");
      assertThat(after.key()).containsExactly("id");
      assertThat(after.primary()).isTrue();
    }
  }
}
