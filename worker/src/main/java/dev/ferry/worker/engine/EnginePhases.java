package dev.ferry.worker.engine;

import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.worker.cdc.IncrementalPhase;
import dev.ferry.worker.cdc.StreamStart;
import dev.ferry.worker.cdc.TableCopier;
import dev.ferry.worker.cdc.reverse.ReversePhase;
import dev.ferry.worker.fullload.FullLoad;
import dev.ferry.worker.fullload.FullLoadResult;
import dev.ferry.worker.fullload.SnapshotCopy;
import dev.ferry.worker.fullload.TableRebuilder;
import dev.ferry.worker.precheck.PrecheckFailedException;
import dev.ferry.worker.precheck.PrecheckPhase;
import dev.ferry.worker.schema.SchemaMigrator;
import dev.ferry.worker.task.TaskContext;
import dev.ferry.worker.validation.ReplicatingValidation;
import dev.ferry.worker.validation.Validation;
import dev.ferry.worker.validation.ValidationResult;
import java.time.Clock;

/**
 * Runs each phase with the engine that implements it, first reporting state that another run of
 * the same task name left on the target ({@link RunStates}). Triggers must not fire on copied or
 * replicated rows, so they are created once the copy is complete (mode Full) or once the cutover
 * has drained the replication (mode All).
 */
public final class EnginePhases implements PhaseExecutor {

  private final int shardIndex;
  private final int shardCount;

  /** Phases of a single worker that does the whole full load. */
  public EnginePhases() {
    this(0, 1);
  }

  /** Phases of one worker pod of {@code shardCount} that share the full load. */
  public EnginePhases(int shardIndex, int shardCount) {
    this.shardIndex = shardIndex;
    this.shardCount = shardCount;
  }

  @Override
  public void run(Phase phase, TaskContext context) throws Exception {
    RunStates.warnAboutStale(context);
    switch (phase) {
      case Precheck -> precheck(context);
      case Schema -> SchemaMigrator.migrate(context);
      case FullLoad -> fullLoad(context);
      case Validation -> validate(context);
      case Incremental -> incremental(context);
      case Reverse -> ReversePhase.run(context);
      default -> throw new IllegalArgumentException("phase " + phase + " is not a work phase");
    }
  }

  /** The precheck alone; throws {@link PrecheckFailedException} when an item fails. */
  public void precheck(TaskContext context) {
    new PrecheckPhase(context, Clock.systemUTC()).run();
  }

  private void fullLoad(TaskContext context) throws Exception {
    boolean wholeLoadDone = load(context, shardIndex, shardCount).complete();
    if (context.spec().getMode() == Mode.Full && wholeLoadDone) {
      SchemaMigrator.createTriggers(context);
    }
  }

  /**
   * The full load of shard {@code shardIndex} of {@code shardCount}, which makes a target table
   * again through the schema phase when its source table changed since that phase, and starts
   * where the CDC captures its schema history.
   */
  public static FullLoadResult load(TaskContext context, int shardIndex, int shardCount)
      throws InterruptedException {
    return FullLoad.run(context, shardIndex, shardCount, rebuilder(context),
        (source, connection) -> StreamStart.capture(context, source, connection));
  }

  /**
   * Copies a table that the CDC's stream brings into the migrated set, the target table made
   * through the schema phase.
   */
  public static TableCopier tableCopier(TaskContext context) {
    return (source, table) -> SnapshotCopy.copy(context, source, table, rebuilder(context));
  }

  private static TableRebuilder rebuilder(TaskContext context) {
    return (tables, table, showCreate) -> SchemaMigrator.rebuildTable(context, tables, table,
        showCreate);
  }

  private static void incremental(TaskContext context) throws Exception {
    IncrementalPhase.run(context, new ReplicatingValidation(context), tableCopier(context));
    if (context.spec().getMode() == Mode.All) {
      SchemaMigrator.createTriggers(context);
    }
  }

  private static void validate(TaskContext context) throws InterruptedException {
    ValidationResult result = Validation.run(context);
    if (!result.passed()) {
      throw result.failure();
    }
  }
}
