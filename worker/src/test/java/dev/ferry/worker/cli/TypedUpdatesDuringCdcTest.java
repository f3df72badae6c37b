package dev.ferry.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cdc.PhaseThread;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.schema.SchemaMigrator;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Updates of rows of every type class that the full load copied arrive exact. Found by {@link
 * ChaosConvergenceTest}: on MariaDB a GEOMETRY column before a character column shifted the
 * character set of every later character column (MariaDB gives GEOMETRY a slot in the TABLE_MAP's
 * charset metadata, MySQL does not): latin1 text was decoded as UTF-8. On MySQL 8.0.31, updates
 * applied one at a time through server-prepared statements wrote wrong BIT values ({@code 0x09F7}
 * as {@code 0x0009}) or failed with error 3988 ("Conversion from collation utf8mb4_bin into
 * latin1_swedish_ci impossible for parameter"): see {@code cdc.apply.ApplySession}.
 */
class TypedUpdatesDuringCdcTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void updatesOfEveryTypeClassArriveExact(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    Random random = new Random(7);
    ChaosDataset.create(source, random);
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "shop");
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/typed-updates", sink, source, pair.target());
    SchemaMigrator.migrate(context);
    EnginePhases.load(context, 0, 1);
    PhaseThread phase = PhaseThread.incremental(context);
    for (int i = 0; i < 100; i++) {
      source.execute("UPDATE shop.typed SET tm = '12:00:00.25', j = JSON_ARRAY(id), f = f / 3"
          + " WHERE id = " + (1 + random.nextInt(ChaosDataset.TYPED)));
    }
    Thread.sleep(2000);
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    sink.setSpec(cutover);
    phase.awaitDone(Duration.ofSeconds(60));

    String rows = "SELECT * FROM shop.typed ORDER BY id";
    assertThat(LoadFixture.hexRows(pair.target(), rows))
        .isEqualTo(LoadFixture.hexRows(source, rows));
  }
}
