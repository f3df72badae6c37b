package dev.ferry.worker.cdc.apply;

import static dev.ferry.worker.cdc.apply.ApplyFixture.row;
import static dev.ferry.worker.cdc.apply.ApplyFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.catalog.TableRef;
import dev.ferry.worker.cdc.SourceTransaction;
import dev.ferry.worker.cdc.TableSchema;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.engine.TaskContext;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Throughput of the applier on a stream of single-row autocommit updates over 8 tables, by lane
 * count and batch size. Not part of the test suite (the name does not end in Test); run it with
 * {@code ./mvnw -pl worker test -Dtest=ApplyBenchmark}.
 */
class ApplyBenchmark {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final int TABLES = 8;
  private static final int ROWS = 1000;

  @ParameterizedTest
  @CsvSource({"MARIADB, 8, 500, 100000, false", "MARIADB, 1, 500, 100000, false",
      "MARIADB, 8, 500, 100000, true", "MARIADB, 8, 1, 20000, false",
      "MARIADB, 1, 1, 20000, false", "MYSQL, 8, 500, 100000, false",
      "MYSQL, 1, 500, 100000, false"})
  void singleRowUpdates(Flavor flavor, int lanes, int batchSize, int updates, boolean safeMode)
      throws Exception {
    DatabaseServer target = dbs.pair(flavor, flavor).target();
    List<TableSchema> tables = new ArrayList<>();
    List<TableRef> refs = new ArrayList<>();
    target.execute("DROP DATABASE IF EXISTS bench", "CREATE DATABASE bench");
    for (int t = 0; t < TABLES; t++) {
      TableRef ref = new TableRef("bench", "t" + t);
      refs.add(ref);
      tables.add(ApplyFixture.schema(ref, List.of("id", "v", "pad"), 0));
      target.execute("CREATE TABLE bench.t" + t + " (id BIGINT PRIMARY KEY, v BIGINT NOT NULL,"
          + " pad VARCHAR(32) NOT NULL)", "INSERT INTO bench.t" + t + " SELECT seq, 0, 'pad'"
          + " FROM (SELECT a.n + 10 * b.n + 100 * c.n + 1 AS seq FROM " + digits("a") + ", "
          + digits("b") + ", " + digits("c") + ") s");
    }
    long[][] values = new long[TABLES][ROWS + 1];
    Random random = new Random(7);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(false);
    var start = stream.position();
    List<SourceTransaction> transactions = new ArrayList<>(updates);
    for (int i = 0; i < updates; i++) {
      int t = i % TABLES;
      int id = 1 + random.nextInt(ROWS);
      long v = values[t][id]++;
      transactions.add(stream.tx(update(tables.get(t), row((long) id, v, "pad"),
          row((long) id, v + 1, "pad"))));
    }
    String task = "bench-" + lanes + "-" + batchSize + "-" + safeMode;
    TaskContext context = ApplyFixture.context(task,
        new InMemoryStatusSink(ApplyFixture.spec(target, lanes, batchSize), null), target);
    try (Database pool = ApplyFixture.targetPool(context);
        ChangeApplier applier = new ChangeApplier(context, ApplyFixture.SOURCE, pool,
            ApplyFixture.identity(refs.toArray(new TableRef[0])), ddl -> { })) {
      applier.resume(start);
      long begin = System.nanoTime();
      for (SourceTransaction tx : transactions) {
        applier.submit(tx, safeMode);
      }
      double submitted = (System.nanoTime() - begin) / 1e9;
      applier.flush();
      double seconds = (System.nanoTime() - begin) / 1e9;
      System.out.printf("BENCH %s lanes=%d batch=%d safe=%s updates=%d: %.1f s (all submitted"
              + " after %.1f s), %.0f rows/s, %d target commits%n", flavor, lanes, batchSize,
          safeMode, updates, seconds, submitted, updates / seconds,
          applier.stats().targetCommits());
      long total = 0;
      for (int t = 0; t < TABLES; t++) {
        total += ((Number) target.query("SELECT SUM(v) FROM bench.t" + t).get(0).get(0))
            .longValue();
      }
      assertThat(total).isEqualTo(updates);
    }
  }

  private static String digits(String alias) {
    return "(SELECT 0 n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL"
        + " SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL"
        + " SELECT 8 UNION ALL SELECT 9) " + alias;
  }
}
