package dev.ferry.worker.cdc.reverse;

import dev.ferry.api.position.Position;
import dev.ferry.api.position.StatusPositions;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.rules.Durations;
import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.ReverseState;
import dev.ferry.api.v1alpha1.ReverseStatus;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.worker.binlog.BinlogPositions;
import dev.ferry.worker.catalog.SourceCatalog;
import dev.ferry.worker.cdc.DdlReplay;
import dev.ferry.worker.cdc.FenceTriggers;
import dev.ferry.worker.cdc.SafeMode;
import dev.ferry.worker.cdc.StreamLoop;
import dev.ferry.worker.cdc.apply.ChangeApplier;
import dev.ferry.worker.cdc.apply.ResumePoint;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.cdc.memory.MemoryBudget;
import dev.ferry.worker.cdc.read.BinlogReader;
import dev.ferry.worker.cdc.read.ReaderSettings;
import dev.ferry.worker.cdc.read.ServerIds;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.Endpoint;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.task.TaskContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase Reverse ({@code spec.cutover.reverse}): after the cutover, replicates the new target's
 * binlog back into the old source, so the application can move back without losing a write. It
 * starts at the target position recorded when the cutover drained
 * ({@code status.cutover.targetPosition}), maps every change back through the inverse of the
 * task's table mappings ({@link ReverseMapping}) and applies it with the forward stream's
 * {@link ChangeApplier}: parallel lanes with exactly-once checkpoints in {@code ferry_meta} on the
 * old source, so a resume starts from that checkpoint, never from the cutover position again.
 * Changes before the position the stream first started at were written by Ferry itself
 * (validation repairs) and are applied idempotently (see {@link SafeMode}); a resume needs no
 * idempotence, the lane checkpoints say what was applied. DDL follows {@code spec.incremental.ddlPolicy} ({@link ReverseDdl}).
 *
 * <p><b>No loop.</b> The forward streams have stopped (the cutover drained them) before this
 * phase runs, so nothing reads the old source's binlog, where these writes land: changes cannot
 * ping-pong. Ferry's meta schema is never carried back.
 *
 * <p><b>Fence.</b> The old source stays fenced: Ferry never lifts the fence, since stray
 * application writes would diverge from the new target. Its sessions set
 * {@value FenceTriggers#BYPASS_VARIABLE}, which the cutover's write-blocking triggers let through; past
 * {@code read_only} the account needs the privilege {@link ReverseFailures} names.
 *
 * <p>Runs until {@code spec.cutover.reverse} is set back to false: then it commits what it has
 * read, records the final checkpoint and returns, and the task completes. Interrupting it stops
 * the stream after its committed checkpoint.
 */
public final class ReversePhase {

  /** The stream's name in the old source's checkpoint table. */
  static final String STREAM = "reverse";

  private static final Logger LOG = LoggerFactory.getLogger(ReversePhase.class);

  private final TaskContext context;
  private final SourceSpec source;
  private final ReverseReport report;

  private ReversePhase(TaskContext context) {
    this.context = context;
    this.source = context.spec().getSources().get(0);
    this.report = new ReverseReport(context.sink());
  }

  /** Runs until spec.cutover.reverse is false (or the thread is interrupted). */
  public static void run(TaskContext context) throws Exception {
    new ReversePhase(context).replicate();
  }

  private void replicate() throws Exception {
    BinlogPosition from = cutoverPosition(context.sink().status());
    int lanes = context.spec().getIncremental().getApplyThreads();
    Endpoint oldSourceEndpoint = context.source(source);
    try (Database oldSource = Database.open(oldSourceEndpoint, lanes + 2, fenceBypass());
        Database ddlPool = Database.open(oldSourceEndpoint, 1, fenceBypass())) {
      ReverseMapping mapping = mapping(oldSource);
      ReverseDdl ddl = new ReverseDdl(ddlPool, mapping,
          () -> context.spec().getIncremental().getDdlPolicy(),
          DdlReplay.mayAlreadyShow(Durations.parseValid(
              context.spec().getIncremental().getSafeModeWindow())));
      try (ChangeApplier applier = new ChangeApplier(context, STREAM, oldSource,
          table -> mapping.mapping(table).orElse(null), ddl)) {
        ResumePoint resume = resume(applier, from);
        Position ferryWritesEnd = started(from);
        // exact: see SafeMode (keyed rows up to the end of Ferry's own writes only)
        SafeMode safeMode = new SafeMode(ferryWritesEnd);
        LOG.info("reverse: replicating {} tables of the new target into the old source {} from"
            + " {}, safe mode up to {}", mapping.size(), source.getName(), resume.start(),
            ferryWritesEnd);
        try (BinlogReader reader = BinlogReader.start(settings(resume.start(), applier.memory()),
            mapping::carriesBack)) {
          stream(reader, applier, safeMode);
        } catch (FerryException | SQLException e) {
          throw ReverseFailures.explain(source.getName(), e);
        }
        report.stopped(applier.checkpoint(), applier.stats());
        LOG.info("reverse: stopped (spec.cutover.reverse is false) at {}",
            applier.lowWatermark());
      }
    }
  }

  /** Applies the target's changes until the reverse flag is cleared. */
  private void stream(BinlogReader reader, ChangeApplier applier, SafeMode safeMode)
      throws Exception {
    StreamLoop.run(reader, applier, new StreamLoop.Stream() {
      @Override
      public void submit(SourceTransaction transaction, Instant now) throws Exception {
        applier.submit(transaction, safeMode.appliesTo(transaction.end()));
      }

      @Override
      public boolean measured(long lag, Instant now) throws Exception {
        if (!context.spec().getCutover().isReverse()) {
          applier.flush();
          return false;
        }
        report.record(applier.checkpoint(), applier.stats(), lag, false);
        return true;
      }
    });
  }

  private ResumePoint resume(ChangeApplier applier, BinlogPosition from) throws Exception {
    try {
      return applier.resume(StatusPositions.of(from));
    } catch (FerryException | SQLException e) {
      throw ReverseFailures.explain(source.getName(), e);
    }
  }

  /** The inverse mappings of the tables the task migrates, read from the old source. */
  private ReverseMapping mapping(Database oldSource) throws Exception {
    try (Connection connection = oldSource.connection()) {
      return ReverseMapping.of(SourceCatalog.tables(connection, context.spec()));
    } catch (SQLException e) {
      throw ReverseFailures.explain(source.getName(), e);
    }
  }

  /**
   * Records the stream as Streaming and returns where Ferry's own writes to the target end: the
   * target's position when the stream first started (kept in the status across resumes).
   */
  private Position started(BinlogPosition from) throws SQLException {
    ReverseStatus stored = context.sink().status().getReverse();
    BinlogPosition ferryWritesEnd = stored != null && stored.getSafeModeUntil() != null
        ? stored.getSafeModeUntil() : currentTargetPosition();
    Instant now = Instant.now();
    context.sink().update(status -> {
      ReverseStatus reverse = status.getReverse() == null ? new ReverseStatus()
          : status.getReverse();
      reverse.setState(ReverseState.Streaming);
      reverse.setSource(source.getName());
      reverse.setFrom(from);
      reverse.setSafeModeUntil(ferryWritesEnd);
      reverse.setStoppedAt(null);
      if (reverse.getStartedAt() == null) {
        reverse.setStartedAt(now.toString());
      }
      status.setReverse(reverse);
    });
    return StatusPositions.of(ferryWritesEnd);
  }

  private BinlogPosition currentTargetPosition() throws SQLException {
    try (Connection target = Database.connectOnce(context.target())) {
      return BinlogPositions.current(target, ServerInfo.detect(target)).orElse(null);
    }
  }

  /** Connection settings that set {@value FenceTriggers#BYPASS_VARIABLE} in every session. */
  private static Properties fenceBypass() {
    Properties properties = new Properties();
    properties.setProperty("sessionVariables", FenceTriggers.BYPASS_VARIABLE + "=1");
    return properties;
  }

  private ReaderSettings settings(Position start, MemoryBudget memory) {
    long serverId = ServerIds.derive(context.stateKey(), STREAM);
    boolean gtid = start.gtids() != null;
    return ReaderSettings.of("target", context.target(), serverId, start, gtid, memory);
  }

  /** The target position the cutover recorded; the phase cannot start without it. */
  private static BinlogPosition cutoverPosition(MigrationTaskStatus status) {
    BinlogPosition position = status.getCutover() == null ? null
        : status.getCutover().getTargetPosition();
    if (StatusPositions.of(position) == null) {
      throw new FerryException(FailureClass.Fatal, "status.cutover.targetPosition is not set,"
          + " so the reverse stream does not know where the new target's changes begin: the"
          + " cutover records it when it drains, if spec.cutover.reverse was true then and the"
          + " target writes a binary log (log_bin, binlog_format=ROW). Set"
          + " spec.cutover.reverse: false; a reverse stream can only follow a cutover made with"
          + " it");
    }
    return position;
  }
}
