package dev.ferry.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A schema of many small tables (one database per customer is a common SaaS layout) through
 * every phase of mode Full: the catalog statements each server receives do not grow with the
 * number of tables, which the servers' own general query logs count.
 */
class ManyTablesTest {

  private static final int FEW = 100;
  private static final int MANY = 400;
  /** The load's default copy threads. */
  private static final int THREADS = 4;
  /** Small tables the load copies in one transaction at most (its ChunkCopier.GROUP_TABLES). */
  private static final int GROUP_TABLES = 100;

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(value = Flavor.class, names = {"MARIADB", "MYSQL"})
  void catalogQueriesDoNotGrowWithTheTableCount(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    CatalogRun few = run(pair, FEW);
    CatalogRun many = run(pair, MANY);

    many.assertNoMoreThan(few, FEW, MANY);
    assertThat(many.target().get("information_schema, one table"))
        .as("information_schema reads of one table on the target: %s", many.target())
        .isLessThanOrEqualTo(few.target().get("information_schema, one table"));
    assertThat(many.source().get("information_schema, one table"))
        .as("the source's columns of named tables: checked once per group of up to %d small"
            + " tables copied in one transaction, one group per copy thread short (%s)",
            GROUP_TABLES, many.source())
        .isLessThanOrEqualTo(few.source().get("information_schema, one table")
            + (MANY - FEW) / GROUP_TABLES + THREADS);
    assertThat(many.source().get("SHOW CREATE TABLE"))
        .as("the source's definitions: read by the schema phase and the load, once each")
        .isLessThanOrEqualTo(2L * MANY + 4);
    assertThat(many.target().get("SHOW CREATE TABLE"))
        .as("the target's definitions: tables of one chunk keep their indexes (%s)",
            many.target())
        .isLessThanOrEqualTo(few.target().get("SHOW CREATE TABLE"));
    assertThat(pair.target().query("SELECT COUNT(*) FROM information_schema.TABLES"
        + " WHERE TABLE_SCHEMA = 'saas'")).containsExactly(List.of((long) MANY + 2));
    assertThat(pair.target().query("SELECT SUM(n) FROM (SELECT COUNT(*) n FROM saas.t00001"
        + " UNION ALL SELECT COUNT(*) FROM saas.t" + String.format("%05d", MANY) + ") c"))
        .containsExactly(List.of(new BigDecimal(6)));
  }

  /** Creates {@code tables} tables of three rows, and runs mode Full over them, counted. */
  private static CatalogRun run(DatabasePair pair, int tables) throws Exception {
    pair.reset();
    createTables(pair.source(), tables);
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "saas");
    spec.setMode(Mode.Full);
    TaskContext context = LoadFixture.context("ns/saas-" + tables,
        new InMemoryStatusSink(spec, null), pair.source(), pair.target());
    CatalogQueryCounter source = new CatalogQueryCounter(pair.source());
    CatalogQueryCounter target = new CatalogQueryCounter(pair.target());
    source.start();
    target.start();
    EnginePhases phases = new EnginePhases();
    StringBuilder took = new StringBuilder();
    for (Phase phase : List.of(Phase.Precheck, Phase.Schema, Phase.FullLoad, Phase.Validation)) {
      long started = System.nanoTime();
      phases.run(phase, context);
      took.append(String.format(" %s %.1f s", phase, (System.nanoTime() - started) / 1e9));
    }
    System.out.printf("%s, %d tables:%s%n", pair.source().flavor(), tables, took);
    return new CatalogRun(source.stop(), target.stop());
  }

  private static void createTables(DatabaseServer source, int tables) throws Exception {
    List<String> statements = new ArrayList<>();
    statements.add("CREATE DATABASE saas");
    statements.add("CREATE TABLE saas.account (id INT PRIMARY KEY, name VARCHAR(20),"
        + " KEY by_name (name))");
    statements.add("CREATE TABLE saas.invoice (id INT PRIMARY KEY, account INT, KEY (account),"
        + " FOREIGN KEY (account) REFERENCES saas.account (id))");
    for (int i = 1; i <= tables; i++) {
      String table = String.format("saas.t%05d", i);
      statements.add("CREATE TABLE " + table + " (id INT PRIMARY KEY, customer INT,"
          + " note VARCHAR(20), KEY by_customer (customer))");
      statements.add("INSERT INTO " + table + " VALUES (1, 7, 'a'), (2, 8, 'b'), (3, 7, NULL)");
    }
    source.execute(statements.toArray(String[]::new));
  }

}
