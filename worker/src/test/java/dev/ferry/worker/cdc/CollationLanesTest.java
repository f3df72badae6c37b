package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.schema.SchemaMigrator;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys that the target's collation calls equal although their texts differ ({@code ß} and
 * {@code ss}, full and half width, case) keep their order across parallel lanes: each word is
 * inserted and deleted in alternation under its different spellings, over many lanes, and the
 * target ends equal to the source.
 */
class CollationLanesTest {

  private static final int WORDS = 40;
  private static final int ROUNDS = 6;
  private static final String ROWS = "SELECT HEX(k), n FROM words.w ORDER BY HEX(k)";

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void spellingsTheTargetCallsEqualShareALane(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    String collation = switch (flavor) {
      case MYSQL -> "utf8mb4_0900_ai_ci";
      case MARIADB -> "utf8mb4_uca1400_ai_ci";
      case MYSQL57 -> "utf8mb4_unicode_ci";
    };
    source.execute("CREATE DATABASE words", "CREATE TABLE words.w (k VARCHAR(40) CHARACTER SET"
        + " utf8mb4 COLLATE " + collation + " PRIMARY KEY, n INT)");
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "words");
    spec.getIncremental().setApplyThreads(8);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/collation-lanes-" + flavor, sink, source,
        pair.target());
    SchemaMigrator.migrate(context);
    assertThat(EnginePhases.load(context, 0, 1).complete()).isTrue();

    PhaseThread phase = PhaseThread.incremental(context);
    String[] spellings = {"straße", "strasse", "ＳＴＲＡＳＳＥ", "STRASSE", "Strasse"};
    for (int round = 0; round < ROUNDS; round++) {
      List<String> statements = new ArrayList<>();
      for (int word = 0; word < WORDS; word++) {
        String inserted = spellings[(round + word) % spellings.length] + word;
        String deleted = spellings[(round + word + 1) % spellings.length] + word;
        String again = spellings[(round + word + 2) % spellings.length] + word;
        statements.add("INSERT INTO words.w VALUES ('" + inserted + "', " + round + ")");
        statements.add("DELETE FROM words.w WHERE k = '" + deleted + "'");
        statements.add("INSERT INTO words.w VALUES ('" + again + "', " + round + ")");
        if (round < ROUNDS - 1) {
          statements.add("DELETE FROM words.w WHERE k = '" + inserted + "'");
        }
      }
      source.execute(statements.toArray(new String[0]));
    }
    assertThat(source.query("SELECT COUNT(*) FROM words.w").get(0).get(0).toString())
        .isEqualTo(String.valueOf(WORDS));
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    sink.setSpec(cutover);
    phase.awaitDone(Duration.ofSeconds(120));

    assertThat(pair.target().query(ROWS)).as("words.w on the target")
        .isEqualTo(source.query(ROWS));
  }
}
