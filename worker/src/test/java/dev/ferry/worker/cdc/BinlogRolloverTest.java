package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.position.Position;
import dev.ferry.api.rules.CheckpointOrder;
import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.binlog.RetentionWatch;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.schema.SchemaMigrator;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Binlog file names grow from six to seven digits ({@code .999999} to {@code .1000000}), which
 * sort the other way round as text. The source starts at {@code .999998} ({@code RESET MASTER
 * TO}; the extension's reset at the next class's first use starts the numbering afresh) and
 * rolls over while a task runs: the full load's safe-mode bound, the reader, the checkpoints,
 * the drain and the retention watch all take {@code .1000000} for the later file.
 */
class BinlogRolloverTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void fullLoadReplicationAndDrainCrossTheRollover(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    DatabaseServer source = rolledTo999998(pair);
    source.execute("CREATE DATABASE roll",
        "CREATE TABLE roll.t (id INT PRIMARY KEY, v VARCHAR(40))",
        "INSERT INTO roll.t VALUES (1, 'seed'), (2, 'seed')");
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "roll");
    spec.getIncremental().setApplyThreads(2);
    InMemoryStatusSink memory = new InMemoryStatusSink(spec, null);
    RecordingSink sink = new RecordingSink(memory);
    TaskContext context = LoadFixture.context("ns/rollover-" + flavor, null, source,
        pair.target());
    context = new TaskContext(context.taskId(), context.runId(), sink, context.secrets());
    SchemaMigrator.migrate(context);
    EnginePhases.load(context, 0, 1);
    assertThat(checkpoint(memory).getFile()).endsWith(".999998");

    source.execute("FLUSH BINARY LOGS", "INSERT INTO roll.t VALUES (3, 'in .999999')",
        "FLUSH BINARY LOGS", "INSERT INTO roll.t VALUES (4, 'in .1000000')");
    assertThat(currentFile(source)).endsWith(".1000000");
    EnginePhases.load(context, 0, 1);
    assertThat(checkpoint(memory).getSafeModeUntil().getFile())
        .as("a load completing again in .1000000 moves safe mode's end there, not back")
        .endsWith(".1000000");

    PhaseThread phase = PhaseThread.incremental(context);
    source.execute("INSERT INTO roll.t VALUES (5, 'streamed')",
        "UPDATE roll.t SET v = 'changed' WHERE id = 1", "DELETE FROM roll.t WHERE id = 2");
    await().atMost(Duration.ofSeconds(60)).until(() -> phase.alive() && pair.target()
        .query("SELECT COUNT(*) FROM roll.t WHERE id = 5").get(0).get(0).toString().equals("1"));
    requestCutover(memory, spec);
    phase.awaitDone(Duration.ofSeconds(60));

    assertThat(memory.status().getCutover().getDrainedAt()).as("drained to a position in"
        + " .1000000").isNotNull();
    assertThat(pair.target().query("SELECT id, v FROM roll.t ORDER BY id"))
        .as("nothing lost across the rollover")
        .containsExactly(List.of(1, "changed"), List.of(3, "in .999999"),
            List.of(4, "in .1000000"), List.of(5, "streamed"));
    assertThat(checkpoint(memory).getFile()).endsWith(".1000000");
    assertMonotonic(sink.proposed());
    assertRetentionWatch(source, checkpoint(memory));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void fileAndOffsetPositionsCrossTheRolloverAndResume(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    DatabaseServer source = rolledTo999998(pair);
    for (DatabaseServer server : List.of(source, pair.target())) {
      server.execute("CREATE DATABASE roll",
          "CREATE TABLE roll.t (id INT PRIMARY KEY, v VARCHAR(40))");
    }
    BinlogPosition start = new BinlogPosition();
    start.setFile(currentFile(source));
    start.setPosition(4L);
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "roll");
    spec.getIncremental().setApplyThreads(2);
    spec.setMode(Mode.Incremental);
    spec.getSources().get(0).setStartPosition(start);
    InMemoryStatusSink memory = new InMemoryStatusSink(spec, null);
    RecordingSink sink = new RecordingSink(memory);
    TaskContext context = LoadFixture.context("ns/rollover-file-" + flavor, null, source,
        pair.target());
    context = new TaskContext(context.taskId(), context.runId(), sink, context.secrets());

    PhaseThread first = PhaseThread.incremental(context);
    source.execute("INSERT INTO roll.t VALUES (1, 'in .999998')", "FLUSH BINARY LOGS",
        "INSERT INTO roll.t VALUES (2, 'in .999999')");
    await().atMost(Duration.ofSeconds(60)).until(() -> first.alive() && pair.target()
        .query("SELECT COUNT(*) FROM roll.t").get(0).get(0).toString().equals("2"));
    first.stop();
    source.execute("FLUSH BINARY LOGS", "INSERT INTO roll.t VALUES (3, 'in .1000000')",
        "UPDATE roll.t SET v = 'changed in .1000000' WHERE id = 2");

    PhaseThread second = PhaseThread.incremental(context);
    await().atMost(Duration.ofSeconds(60)).until(() -> second.alive() && pair.target()
        .query("SELECT COUNT(*) FROM roll.t").get(0).get(0).toString().equals("3"));
    requestCutover(memory, spec);
    second.awaitDone(Duration.ofSeconds(60));

    assertThat(pair.target().query("SELECT id, v FROM roll.t ORDER BY id"))
        .containsExactly(List.of(1, "in .999998"), List.of(2, "changed in .1000000"),
            List.of(3, "in .1000000"));
    SourceCheckpoint last = checkpoint(memory);
    assertThat(last.getGtidSet()).as("followed by file and offset only").isNull();
    assertThat(last.getFile()).endsWith(".1000000");
    assertThat(memory.status().getCutover().getDrainedAt()).isNotNull();
    assertMonotonic(sink.proposed());
  }

  /**
   * Followed by file and offset, a rollover with no write after it still lets the cutover drain:
   * the drain position lies in the new file, past its header events, which end no transaction.
   */
  @ParameterizedTest
  @EnumSource(Flavor.class)
  void anIdleRolloverLetsTheDrainEnd(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    for (DatabaseServer server : List.of(source, pair.target())) {
      server.execute("CREATE DATABASE roll",
          "CREATE TABLE roll.t (id INT PRIMARY KEY, v VARCHAR(40))");
    }
    BinlogPosition start = new BinlogPosition();
    start.setFile(currentFile(source));
    start.setPosition(4L);
    MigrationTaskSpec spec = LoadFixture.spec(source, pair.target(), "roll");
    spec.setMode(Mode.Incremental);
    spec.getSources().get(0).setStartPosition(start);
    InMemoryStatusSink memory = new InMemoryStatusSink(spec, null);
    TaskContext context = LoadFixture.context("ns/rollover-idle-" + flavor, memory, source,
        pair.target());

    PhaseThread phase = PhaseThread.incremental(context);
    source.execute("INSERT INTO roll.t VALUES (1, 'before the rollover')");
    await().atMost(Duration.ofSeconds(60)).until(() -> phase.alive() && pair.target()
        .query("SELECT COUNT(*) FROM roll.t").get(0).get(0).toString().equals("1"));
    source.execute("FLUSH BINARY LOGS");
    requestCutover(memory, spec);
    phase.awaitDone(Duration.ofSeconds(30));

    assertThat(memory.status().getCutover().getDrainedAt()).isNotNull();
    assertThat(checkpoint(memory).getFile()).isEqualTo(currentFile(source));
  }

  private static void requestCutover(InMemoryStatusSink memory, MigrationTaskSpec spec) {
    MigrationTaskSpec cutover = Serialization.clone(spec);
    cutover.getCutover().setRequested(true);
    memory.setSpec(cutover);
  }

  /** Resets the pair and restarts the source's binlog numbering at .999998. */
  private static DatabaseServer rolledTo999998(DatabasePair pair) throws Exception {
    pair.reset();
    Assumptions.assumeFalse(pair.source().variable("version").startsWith("5.7"),
        "RESET MASTER TO came in MySQL 8.0.17: a 5.7 source numbers its binlog from 1");
    pair.source().execute("RESET MASTER TO 999998");
    assertThat(currentFile(pair.source())).endsWith(".999998");
    return pair.source();
  }

  /**
   * The watch reports a checkpoint in the oldest file the source keeps, which is {@code .999998}
   * and after a purge {@code .999999}, never {@code .1000000} (first as text, newest by number).
   */
  private static void assertRetentionWatch(DatabaseServer source, SourceCheckpoint checkpoint)
      throws Exception {
    String file = currentFile(source);
    String base = file.substring(0, file.lastIndexOf('.'));
    try (Connection connection = source.connect()) {
      assertThat(risk(connection,
          Position.of(checkpoint.getFile(), checkpoint.getPosition(), null))).isNull();
      assertThat(risk(connection,
          Position.of(base + ".999998", 4, null))).contains(base + ".999998");
      source.execute("PURGE BINARY LOGS TO '" + base + ".999999'");
      assertThat(risk(connection,
          Position.of(base + ".999999", 4, null))).contains(base + ".999999");
      assertThat(risk(connection,
          Position.of(base + ".1000000", 4, null))).isNull();
    }
  }

  private static String risk(Connection connection, Position checkpoint) throws Exception {
    RetentionWatch.Risk risk = new RetentionWatch("src", "the checkpoint", Duration.ofMinutes(1))
        .check(connection, checkpoint, Instant.now(), Duration.ZERO);
    return risk == null ? null : risk.message();
  }

  /**
   * Every checkpoint proposed is at or after the one before, by the one comparison and by file
   * number and offset, and the checkpoints went from .999998 to .1000000.
   */
  private static void assertMonotonic(List<SourceCheckpoint> proposed) {
    SourceCheckpoint previous = null;
    for (SourceCheckpoint checkpoint : proposed) {
      assertThat(CheckpointOrder.isBehind(previous, checkpoint))
          .as("%s after %s", describe(checkpoint), describe(previous)).isFalse();
      if (previous != null) {
        assertThat(fileNumber(checkpoint) > fileNumber(previous)
            || fileNumber(checkpoint) == fileNumber(previous)
            && checkpoint.getPosition() >= previous.getPosition())
            .as("%s after %s", describe(checkpoint), describe(previous)).isTrue();
      }
      previous = checkpoint;
    }
    assertThat(proposed).extracting(SourceCheckpoint::getFile)
        .anyMatch(f -> f.endsWith(".999998")).anyMatch(f -> f.endsWith(".1000000"));
  }

  private static long fileNumber(SourceCheckpoint checkpoint) {
    String file = checkpoint.getFile();
    return Long.parseLong(file.substring(file.lastIndexOf('.') + 1));
  }

  private static String describe(SourceCheckpoint checkpoint) {
    return checkpoint == null ? "none" : checkpoint.getFile() + ":" + checkpoint.getPosition()
        + " " + checkpoint.getGtidSet();
  }

  private static SourceCheckpoint checkpoint(InMemoryStatusSink sink) {
    return sink.status().getCheckpoints().stream().filter(c -> "src".equals(c.getSource()))
        .findFirst().orElseThrow();
  }

  private static String currentFile(DatabaseServer source) throws Exception {
    return (String) source.query("SHOW MASTER STATUS").get(0).get(0);
  }
}
