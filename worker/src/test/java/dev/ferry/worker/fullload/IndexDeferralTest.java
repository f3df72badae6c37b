package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Plain secondary indexes are built after the load, also when a stop came in between. */
class IndexDeferralTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final String ITEMS = "CREATE TABLE shop.items (id INT NOT NULL PRIMARY KEY,"
      + " k INT NOT NULL, name VARCHAR(40) NOT NULL, sku VARCHAR(20) NOT NULL,"
      + " note TEXT, UNIQUE KEY sku_uq (sku), KEY k_name (k, name(10)) COMMENT 'k then name',"
      + " KEY `odd``name` (name DESC), FULLTEXT KEY note_ft (note)) ENGINE=InnoDB";
  private static final String PARENTS =
      "CREATE TABLE shop.parents (id INT PRIMARY KEY, tag INT, KEY tag_idx (tag)) ENGINE=InnoDB";
  private static final String CHILDREN = "CREATE TABLE shop.children (id INT PRIMARY KEY,"
      + " parent_id INT, v INT, KEY v_idx (v), CONSTRAINT fk_parent FOREIGN KEY (parent_id)"
      + " REFERENCES shop.parents (id)) ENGINE=InnoDB";

  private static final String DIGITS = "(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2"
      + " UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6"
      + " UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void defersPlainIndexesOfEmptyTablesOnly(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    pair.target().execute("CREATE DATABASE shop", ITEMS, PARENTS, CHILDREN,
        "CREATE TABLE shop.filled (id INT PRIMARY KEY, k INT, KEY k_idx (k))",
        "INSERT INTO shop.filled VALUES (1, 1)");
    String itemsBefore = createTable(pair.target(), "shop.items");
    IndexDeferral deferral = new IndexDeferral("ns/defer");
    try (Connection target = pair.target().connect()) {
      ChunkLedger.ensure(target);
      IndexDeferral.ensure(target);
      TableRef items = new TableRef("shop", "items");

      assertThat(deferral.defer(target, items, Set.of()))
          .containsExactly("k_name", "odd`name");
      assertThat(deferral.defer(target, items, deferral.pending(target).keySet()))
          .as("deferred once").isEmpty();
      assertThat(indexNames(pair.target(), "items"))
          .containsExactlyInAnyOrder("PRIMARY", "sku_uq", "note_ft");
      assertThat(deferral.defer(target, new TableRef("shop", "filled"), Set.of()))
          .as("a table with rows keeps its indexes").isEmpty();
      assertThat(deferral.defer(target, new TableRef("shop", "parents"), Set.of()))
          .as("a referenced table keeps its indexes").isEmpty();
      assertThat(deferral.defer(target, new TableRef("shop", "children"), Set.of()))
          .as("a table with foreign keys keeps its indexes").isEmpty();
      assertThat(deferral.pending(target)).containsOnlyKeys(items);

      // a stop after a build's ALTER TABLE added one index, before the records were deleted
      pair.target().execute("ALTER TABLE shop.items ADD KEY `odd``name` (name DESC)");
      assertThat(deferral.build(target, items)).as("only the missing one")
          .containsExactly("k_name");
      assertThat(lines(createTable(pair.target(), "shop.items")))
          .containsExactlyInAnyOrderElementsOf(lines(itemsBefore));
      assertThat(deferral.pending(target)).isEmpty();
      assertThat(deferral.build(target, items)).as("nothing left to build").isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void loadBuildsTheIndexesAndAResumedLoadBuildsWhatAStopLeftUnbuilt(Flavor flavor)
      throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    pair.source().execute("CREATE DATABASE shop", ITEMS,
        "INSERT INTO shop.items SELECT n, n % 17, CONCAT('item ', n), CONCAT('sku-', n),"
            + " IF(n % 3 = 0, NULL, 'some note') FROM (SELECT 1 + a.d + 10 * b.d + 100 * c.d"
            + " + 1000 * e.d AS n FROM " + DIGITS + " a, " + DIGITS + " b, " + DIGITS + " c, "
            + DIGITS + " e WHERE e.d < 3) numbers");
    pair.target().execute("CREATE DATABASE shop", ITEMS);
    String created = createTable(pair.target(), "shop.items");
    InMemoryStatusSink sink =
        new InMemoryStatusSink(LoadFixture.spec(pair.source(), pair.target(), "shop"), null);
    var context = LoadFixture.context("ns/shop", sink, pair.source(), pair.target());

    assertThat(EnginePhases.load(context, 0, 1).complete()).isTrue();

    assertThat(createTable(pair.target(), "shop.items")).isEqualTo(created);
    String rows = "SELECT id, k, name, sku, note FROM shop.items ORDER BY id";
    assertThat(LoadFixture.hexRows(pair.target(), rows)).hasSize(3000)
        .isEqualTo(LoadFixture.hexRows(pair.source(), rows));
    assertThat(pair.target().query("SELECT COUNT(*) FROM ferry_meta.fullload_indexes"))
        .containsExactly(List.of(0L));

    // a stop after the last chunk and before the build leaves this behind
    pair.target().execute("INSERT INTO ferry_meta.fullload_indexes VALUES"
            + " ('ns/shop@run-1', 'shop', 'items', 0, 'k_name',"
            + " 'KEY `k_name` (`k`,`name`(10)) COMMENT ''k then name''')",
        "ALTER TABLE shop.items DROP INDEX k_name");
    assertThat(EnginePhases.load(context, 0, 1).complete()).isTrue();

    assertThat(lines(createTable(pair.target(), "shop.items")))
        .as("the same definition; the server may list the rebuilt index elsewhere")
        .containsExactlyInAnyOrderElementsOf(lines(created));
    assertThat(pair.target().query("SELECT COUNT(*) FROM ferry_meta.fullload_indexes"))
        .containsExactly(List.of(0L));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void buildsATablesIndexesWhileTheOtherTablesAreStillCopied(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    String first = "CREATE TABLE shop.first (id INT PRIMARY KEY, k INT, KEY k_first (k))";
    String second = "CREATE TABLE shop.second (id INT PRIMARY KEY, v INT, KEY v_second (v))";
    pair.source().execute("CREATE DATABASE shop", first, second,
        "INSERT INTO shop.first SELECT n, n % 7 FROM (SELECT 1 + a.d + 10 * b.d AS n FROM "
            + DIGITS + " a, " + DIGITS + " b) numbers",
        "INSERT INTO shop.second SELECT n, n % 5 FROM (SELECT 1 + a.d + 10 * b.d + 100 * c.d"
            + " + 1000 * e.d AS n FROM " + DIGITS + " a, " + DIGITS + " b, " + DIGITS + " c, "
            + DIGITS + " e WHERE e.d < 3) numbers");
    pair.target().execute("CREATE DATABASE shop", first, second);
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "shop");
    spec.getFullLoad().setThreads(1);
    // two chunks of the first table: a table of one chunk keeps its indexes
    spec.getFullLoad().setChunkRows(50);
    spec.getFullLoad().getThrottle().setRowsPerSecond(1500L);
    var context = LoadFixture.context("ns/early", new InMemoryStatusSink(spec, null),
        pair.source(), pair.target());
    ExecutorService load = Executors.newSingleThreadExecutor();
    try {
      Future<FullLoadResult> result = load.submit(() -> EnginePhases.load(context, 0, 1));

      // The index exists before the load defers it, so wait for the copied table with it.
      await().atMost(Duration.ofSeconds(30)).until(() -> result.isDone()
          || (pair.target().query("SELECT COUNT(*) FROM shop.first").get(0).get(0).equals(100L)
          && indexNames(pair.target(), "first").contains("k_first")));
      long secondRows = (Long) pair.target().query("SELECT COUNT(*) FROM shop.second")
          .get(0).get(0);
      assertThat(secondRows).as("rows of the other table when the first one's index is there")
          .isLessThan(3000);
      assertThat(indexNames(pair.target(), "second")).doesNotContain("v_second");

      assertThat(result.get(60, TimeUnit.SECONDS).complete()).isTrue();
      assertThat(indexNames(pair.target(), "second")).contains("v_second");
      assertThat(pair.target().query("SELECT COUNT(*) FROM shop.second"))
          .containsExactly(List.of(3000L));
    } finally {
      load.shutdownNow();
    }
  }

  private static List<String> lines(String createTable) {
    return createTable.lines().map(line -> line.strip().replaceAll(",$", "")).toList();
  }

  private static String createTable(DatabaseServer server, String table) throws SQLException {
    return (String) server.query("SHOW CREATE TABLE " + table).get(0).get(1);
  }

  private static List<Object> indexNames(DatabaseServer server, String table)
      throws SQLException {
    return server.query("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS"
        + " WHERE TABLE_SCHEMA = 'shop' AND TABLE_NAME = '" + table + "'").stream()
        .map(row -> row.get(0)).toList();
  }
}
