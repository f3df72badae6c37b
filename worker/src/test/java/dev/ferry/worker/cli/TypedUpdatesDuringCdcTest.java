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
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Found by {@link ChaosConvergenceTest} on MySQL 8.0.31 (seeds 4152474837137860164 and
 * 2585538073498253934): the CDC's UPDATEs of {@link ChaosDataset}'s {@code typed} rows fail on
 * the target with "Conversion from collation utf8mb4_bin into latin1_swedish_ci impossible for
 * parameter (error 3988)", and where a retry got past it the cutover's validation found rows of
 * {@code typed} that differ. Updates alone (of rows the full load copied) are enough; a table of
 * only an id, a latin1 VARCHAR and a JSON column replicates fine. Suspected: the latin1 column
 * {@code l1} is decoded with another column's charset, i.e. the character-column slots of the
 * TABLE_MAP charset metadata ({@code cdc.read.LayoutResolver.CharsetSlots},
 * {@code ColumnLayout.isCharacter}) are counted differently from the server for one of the
 * columns before it (BIT, ENUM, SET, JSON, BLOB, GEOMETRY/POINT): not verified.
 */
class TypedUpdatesDuringCdcTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  @Disabled("open bug (CDC decode or apply of ChaosDataset.typed on MySQL 8): see the Javadoc")
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
