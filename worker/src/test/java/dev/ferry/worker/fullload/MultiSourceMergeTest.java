package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two sources (MariaDB and MySQL) merge into one MariaDB target table. */
class MultiSourceMergeTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final String TABLE = "CREATE TABLE shard.orders (id BIGINT PRIMARY KEY,"
      + " region VARCHAR(10) NOT NULL, amount DECIMAL(12,2), created DATETIME(6))";

  @Test
  void everySourceLandsInTheSharedTargetTableWithItsOwnCheckpoint() throws Exception {
    DatabaseServer east = dbs.pair(Flavor.MARIADB, Flavor.MARIADB).source();
    DatabaseServer west = dbs.pair(Flavor.MYSQL, Flavor.MARIADB).source();
    DatabaseServer target = dbs.pair(Flavor.MYSQL, Flavor.MARIADB).target();
    for (DatabaseServer server : List.of(east, west, target)) {
      server.execute("DROP DATABASE IF EXISTS shard", "CREATE DATABASE shard", TABLE);
    }
    east.execute("INSERT INTO shard.orders SELECT seq, 'east', seq * 1.25,"
        + " '2024-01-01 00:00:00.000001' + INTERVAL seq SECOND FROM shard.seq_1_to_2500");
    west.execute("SET SESSION cte_max_recursion_depth = 10000",
        "INSERT INTO shard.orders WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
            + " WHERE i < 1800) SELECT 100000 + i, 'west', i * 2.5,"
            + " '2024-06-01 12:00:00.5' + INTERVAL i MINUTE FROM n");
    MigrationTaskSpec spec = LoadFixture.spec(east, target, "shard");
    spec.getSources().get(0).setName("east");
    LoadFixture.addSource(spec, "west", west);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);

    FullLoadResult result = EnginePhases.load(
        LoadFixture.context("ns/merge", sink, east, target), 0, 1);

    assertThat(result.complete()).isTrue();
    assertThat(result.rowsCopied()).isEqualTo(4300);
    String eastRows = "SELECT id, region, amount, created FROM shard.orders WHERE region = 'east'"
        + " ORDER BY id";
    String westRows = eastRows.replace("'east'", "'west'");
    assertThat(LoadFixture.hexRows(target, eastRows))
        .isEqualTo(LoadFixture.hexRows(east, eastRows));
    assertThat(LoadFixture.hexRows(target, westRows))
        .isEqualTo(LoadFixture.hexRows(west, westRows));
    assertThat(sink.status().getCheckpoints()).extracting(SourceCheckpoint::getSource)
        .containsExactly("east", "west");
    assertThat(sink.status().getCheckpoints()).allSatisfy(checkpoint -> {
      assertThat(checkpoint.getFile()).isNotBlank();
      assertThat(checkpoint.getSafeModeUntil()).isNotNull();
    });
  }
}
