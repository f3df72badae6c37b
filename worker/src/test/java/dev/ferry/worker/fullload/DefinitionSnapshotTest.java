package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.position.Position;
import dev.ferry.api.position.StatusPositions;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.binlog.BinlogPositions;
import dev.ferry.worker.binlog.DdlFreeSpan;
import dev.ferry.worker.catalog.SourceCatalog;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A table the full load found gone gets a boundary at which it was gone for certain. Found by the
 * randomized convergence test on MariaDB: a table renamed away and back between the load's
 * listing and its read was recorded as gone at a position read after it was back, so the CDC
 * skipped the RENAME that brought it back and the target ended without the table.
 */
class DefinitionSnapshotTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aTableListedAsGoneButBackIsReadWithItsDefinition(Flavor flavor) throws Exception {
    DatabaseServer source = source(flavor);
    MigrationTaskSpec spec = LoadFixture.spec(source, source, "shop");
    TableMapping items = SourceCatalog.mapping(spec, new TableRef("shop", "items"));
    TableMapping gone = SourceCatalog.mapping(spec, new TableRef("shop", "gone"));

    List<DefinitionSnapshot.Table> tables;
    try (Connection connection = source.connect()) {
      // both were gone when the load listed the tables; items is back since
      tables = new DefinitionSnapshot(connection, "src", true)
          .read(List.of(), List.of(items, gone), () -> List.of(items));
    }

    assertThat(tables).extracting(t -> t.mapping().source().table(), DefinitionSnapshot.Table::exists)
        .containsExactlyInAnyOrder(Tuple.tuple("items", true),
            Tuple.tuple("gone", false));
    assertThat(tables).allSatisfy(t -> assertThat(t.boundary()).isNotNull());
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aSpanIsDdlFreeOnlyWithoutDdl(Flavor flavor) throws Exception {
    DatabaseServer source = source(flavor);
    try (Connection connection = source.connect()) {
      ServerInfo server = ServerInfo.detect(connection);
      Position start = position(connection, server);
      source.execute("INSERT INTO shop.items VALUES (2)", "UPDATE shop.items SET id = 3 WHERE id = 2");
      Position afterDml = position(connection, server);
      source.execute("CREATE TABLE shop.gone (id INT PRIMARY KEY)");
      Position afterDdl = position(connection, server);

      assertThat(DdlFreeSpan.between(connection, start, start)).isTrue();
      assertThat(DdlFreeSpan.between(connection, start, afterDml)).isTrue();
      assertThat(DdlFreeSpan.between(connection, start, afterDdl)).isFalse();
      assertThat(DdlFreeSpan.between(connection, afterDml, afterDdl)).isFalse();
    }
  }

  private static DatabaseServer source(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    source.execute("CREATE DATABASE shop", "CREATE TABLE shop.items (id INT PRIMARY KEY)",
        "INSERT INTO shop.items VALUES (1)");
    return source;
  }

  private static Position position(Connection connection, ServerInfo server) throws Exception {
    return StatusPositions.of(BinlogPositions.current(connection, server).orElseThrow());
  }
}
