package dev.ferry.bench;

import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.EndpointSpec;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.worker.cdc.IncrementalPhase;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.task.TaskContext;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.validation.ReplicatingValidation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Ferry's incremental phase ({@link IncrementalPhase#run}) from the benchmark source into the
 * Ferry target, with an in-memory status sink, stopped by requesting a cutover.
 */
final class FerryReplication {

  static final String SOURCE_NAME = "bench";
  private static final String MAX_LAG = "1h";

  /** Apply settings of the task. */
  record Settings(int applyThreads, int batchSize, String safeModeWindow) {}

  private final DatabaseServer source;
  private final DatabaseServer target;
  private final Settings settings;

  FerryReplication(DatabaseServer source, DatabaseServer target, Settings settings) {
    this.source = source;
    this.target = target;
    this.settings = settings;
  }

  /**
   * Applies the backlog {@code from}..{@code to} and returns the seconds from start until the
   * phase returned. The cutover is requested up front, so the phase drains the backlog (every
   * change up to the source position it reads when it starts, which is {@code to}) and stops;
   * it notices the end after one idle binlog poll (0.5 s), which the time includes.
   */
  double applyBacklog(String taskId, BinlogPoint from, BinlogPoint to) throws Exception {
    dropMeta();
    InMemoryStatusSink sink = new InMemoryStatusSink(spec(from, true), null);
    long started = System.nanoTime();
    runPhase(context(taskId, sink));
    double seconds = (System.nanoTime() - started) / 1e9;
    requireReached(sink, to);
    return seconds;
  }

  /** Starts replicating from {@code from} in the background until {@link Running#stop}. */
  Running start(String taskId, BinlogPoint from) throws Exception {
    dropMeta();
    MigrationTaskSpec spec = spec(from, false);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    CompletableFuture<Void> phase = CompletableFuture.runAsync(() -> {
      try {
        runPhase(context(taskId, sink));
      } catch (Exception e) {
        throw new IllegalStateException("Ferry's incremental phase failed: " + e.getMessage(), e);
      }
    });
    return new Running(sink, spec, phase);
  }

  private static void runPhase(TaskContext context) throws Exception {
    IncrementalPhase.run(context, new ReplicatingValidation(context),
        EnginePhases.tableCopier(context));
  }

  /** A background incremental phase. */
  static final class Running {
    private final InMemoryStatusSink sink;
    private final MigrationTaskSpec spec;
    private final CompletableFuture<Void> phase;

    private Running(InMemoryStatusSink sink, MigrationTaskSpec spec,
        CompletableFuture<Void> phase) {
      this.sink = sink;
      this.spec = spec;
      this.phase = phase;
    }

    /** Throws when the phase has ended, which it must not do before {@link #stop}. */
    void check() throws Exception {
      if (phase.isDone()) {
        await();
        throw new IllegalStateException("Ferry's incremental phase ended before the cutover");
      }
    }

    /** Requests the cutover and waits until the phase drained the source and returned. */
    void stop() throws Exception {
      spec.getCutover().setMaxLag(MAX_LAG);
      spec.getCutover().setRequested(true);
      sink.setSpec(spec);
      await();
    }

    private void await() throws Exception {
      try {
        phase.get(10, TimeUnit.MINUTES);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }
  }

  private void dropMeta() throws SQLException {
    target.execute("DROP DATABASE IF EXISTS ferry_meta");
  }

  private TaskContext context(String taskId, InMemoryStatusSink sink) {
    return new TaskContext(taskId, "run-1", sink, (secret, key) ->
        key.equals("username") ? source.adminUser() : source.adminPassword());
  }

  private MigrationTaskSpec spec(BinlogPoint from, boolean cutoverNow) {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(Mode.Incremental);
    SourceSpec sourceSpec = new SourceSpec();
    sourceSpec.setName(SOURCE_NAME);
    endpoint(sourceSpec, source, "source");
    BinlogPosition start = new BinlogPosition();
    start.setFile(from.file());
    start.setPosition(from.position());
    sourceSpec.setStartPosition(start);
    spec.getSources().add(sourceSpec);
    TargetSpec targetSpec = new TargetSpec();
    endpoint(targetSpec, target, "target");
    spec.setTarget(targetSpec);
    spec.getObjects().setInclude(new ArrayList<>(List.of(BenchTables.SCHEMA)));
    spec.getIncremental().setApplyThreads(settings.applyThreads());
    spec.getIncremental().setBatchSize(settings.batchSize());
    spec.getIncremental().setSafeModeWindow(settings.safeModeWindow());
    spec.getCutover().setMaxLag(MAX_LAG);
    spec.getCutover().setRequested(cutoverNow);
    return spec;
  }

  private static void endpoint(EndpointSpec spec, DatabaseServer server, String secret) {
    spec.setHost(server.host());
    spec.setPort(server.port());
    spec.setCredentialsSecret(secret);
    spec.getTls().setMode(TlsMode.Disabled);
  }

  private static void requireReached(InMemoryStatusSink sink, BinlogPoint to) {
    SourceCheckpoint checkpoint = sink.status().getCheckpoints().stream()
        .filter(c -> SOURCE_NAME.equals(c.getSource())).findFirst()
        .orElseThrow(() -> new IllegalStateException("Ferry reported no checkpoint"));
    BinlogPoint reached = new BinlogPoint(checkpoint.getFile(), checkpoint.getPosition());
    if (!reached.reached(to)) {
      throw new IllegalStateException("Ferry stopped at " + reached + ", before the end of the"
          + " backlog " + to);
    }
  }
}
