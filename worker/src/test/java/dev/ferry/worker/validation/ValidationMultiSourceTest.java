package dev.ferry.worker.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ferry.api.v1alpha1.ChunkMismatch;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every source is compared with the target for its own tables, and shards merged into one target
 * table with the union of their rows; reports name the sources.
 */
class ValidationMultiSourceTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @Test
  void eachSourceIsComparedForItsOwnTables() throws Exception {
    DatabaseServer mysql = dbs.pair(Flavor.MYSQL, Flavor.MARIADB).source();
    DatabaseServer mariadb = dbs.pair(Flavor.MARIADB, Flavor.MARIADB).source();
    DatabaseServer target = dbs.pair(Flavor.MARIADB, Flavor.MARIADB).target();
    target.reset();
    mysql.reset();
    mariadb.reset();
    String table = "CREATE TABLE %s.t (id INT PRIMARY KEY, v VARCHAR(10))";
    String rows = "INSERT INTO %s.t VALUES (1, 'one'), (2, 'two'), (3, 'three')";
    mariadb.execute("CREATE DATABASE a", table.formatted("a"), rows.formatted("a"));
    mysql.execute("CREATE DATABASE b", table.formatted("b"), rows.formatted("b"));
    target.execute("CREATE DATABASE a", table.formatted("a"), rows.formatted("a"),
        "CREATE DATABASE b", table.formatted("b"), rows.formatted("b"),
        "UPDATE b.t SET v = 'TWO' WHERE id = 2");
    MigrationTaskSpec spec = ValidationFixture.spec(mariadb, target, "a", "b");
    ValidationFixture.addSource(spec, "orders-db", mysql);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);

    ValidationResult result = Validation.run(
        ValidationFixture.context("ns/multi", sink, mariadb, target));

    assertThat(result.passed()).isFalse();
    assertThat(result.tablesChecked()).isEqualTo(2);
    assertThat(result.chunksMatched()).isEqualTo(1);
    assertThat(result.differingTables()).containsExactly("orders-db:b.t");
    assertThat(sink.status().getValidation().getMismatches())
        .extracting(ChunkMismatch::getTable, ChunkMismatch::getKeys)
        .containsExactly(tuple("orders-db:b.t", List.of("2")));
  }

  @Test
  void shardsMergedIntoOneTargetTableAreComparedWithTheirUnion() throws Exception {
    DatabaseServer west = dbs.pair(Flavor.MYSQL, Flavor.MARIADB).source();
    DatabaseServer east = dbs.pair(Flavor.MARIADB, Flavor.MARIADB).source();
    DatabaseServer target = dbs.pair(Flavor.MARIADB, Flavor.MARIADB).target();
    target.reset();
    west.reset();
    east.reset();
    String table = "CREATE TABLE shard.orders (id INT PRIMARY KEY, amount DECIMAL(10,2))";
    String rows = "INSERT INTO shard.orders SELECT n, n / 4 FROM ("
        + ValidationFixture.numbers("shard") + ") AS s WHERE n <= 3000 AND n % 2 = ";
    for (DatabaseServer server : List.of(west, east, target)) {
      server.execute(ValidationFixture.schemaWithDigits("shard"));
      server.execute(table);
    }
    east.execute(rows + 1);
    west.execute(rows + 0);
    target.execute(rows + 1, rows + 0);
    MigrationTaskSpec spec = ValidationFixture.spec(east, target, "shard.orders");
    ValidationFixture.addSource(spec, "west", west);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);

    ValidationResult equal = Validation.run(
        ValidationFixture.context("ns/merge", sink, east, target));

    assertThat(equal.passed()).isTrue();
    assertThat(equal.tablesChecked()).isEqualTo(1);
    assertThat(equal.chunksMatched()).as("1500 east rows in 1000-row chunks").isEqualTo(2);

    target.execute("UPDATE shard.orders SET amount = 0 WHERE id IN (10, 2001)");

    ValidationResult different = Validation.run(
        ValidationFixture.context("ns/merge", sink, east, target));

    assertThat(different.differingTables())
        .containsExactly("src:shard.orders + west:shard.orders");
    assertThat(sink.status().getValidation().getMismatches())
        .extracting(ChunkMismatch::getLowerKey, ChunkMismatch::getUpperKey,
            ChunkMismatch::getKeys)
        .containsExactly(tuple("(table start)", "2001", List.of("10")),
            tuple("2001", "(table end)", List.of("2001")));
  }
}
