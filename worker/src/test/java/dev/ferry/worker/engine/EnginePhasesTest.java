package dev.ferry.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The phases as worker pods run them: triggers appear only once the whole copy is done. */
class EnginePhasesTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.mariaDb();

  @Test
  void withTwoFullLoadPodsTriggersAreCreatedByTheOneThatCompletesTheLoad() throws Exception {
    DatabasePair pair = dbs.pair(Flavor.MARIADB, Flavor.MARIADB);
    pair.reset();
    pair.source().execute("CREATE DATABASE shop",
        "CREATE TABLE shop.item (id INT PRIMARY KEY, v INT)",
        "CREATE TABLE shop.log (id INT AUTO_INCREMENT PRIMARY KEY, item INT)",
        "INSERT INTO shop.item SELECT seq, seq FROM shop.seq_1_to_4000",
        "CREATE TRIGGER shop.logged AFTER INSERT ON shop.item FOR EACH ROW"
            + " INSERT INTO shop.log (item) VALUES (NEW.id)");
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "shop");
    spec.setMode(Mode.Full);
    spec.getFullLoad().setPods(2);
    spec.getFullLoad().setChunkRows(500);
    TaskContext context = LoadFixture.context("ns/two-pods", new InMemoryStatusSink(spec, null),
        pair.source(), pair.target());
    new EnginePhases().run(Phase.Schema, context);

    new EnginePhases(0, 2).run(Phase.FullLoad, context);
    assertThat(triggers(pair)).as("the other pod still copies").isEmpty();

    new EnginePhases(1, 2).run(Phase.FullLoad, context);
    assertThat(triggers(pair)).containsExactly(List.of("logged"));
    assertThat(pair.target().query("SELECT COUNT(*) FROM shop.item"))
        .containsExactly(List.of(4000L));
    assertThat(pair.target().query("SELECT COUNT(*) FROM shop.log"))
        .as("no trigger fired on copied rows").containsExactly(List.of(0L));
  }

  private static List<List<Object>> triggers(DatabasePair pair) throws Exception {
    return pair.target().query("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS"
        + " WHERE TRIGGER_SCHEMA = 'shop'");
  }
}
