package dev.ferry.worker.cdc;

import dev.ferry.api.position.Position;
import dev.ferry.api.position.StatusPositions;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.rules.Durations;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.GtidUsage;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.worker.binlog.GtidOrdering;
import dev.ferry.worker.binlog.RetentionWatch;
import dev.ferry.worker.cdc.apply.ChangeApplier;
import dev.ferry.worker.cdc.apply.CopyCutoff;
import dev.ferry.worker.cdc.apply.ResumePoint;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.cdc.memory.MemoryBudget;
import dev.ferry.worker.cdc.read.BinlogReader;
import dev.ferry.worker.cdc.read.ReaderSettings;
import dev.ferry.worker.cdc.read.SchemaHistory;
import dev.ferry.worker.cdc.read.ServerIds;
import dev.ferry.worker.cdc.route.OnlineDdl;
import dev.ferry.worker.cdc.route.RowFilter;
import dev.ferry.worker.cdc.route.TableRouter;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.Endpoint;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.task.TaskContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicates one source into the target: reads its binlog from the resume point, routes and
 * filters the changes, applies them in parallel with exactly-once checkpoints, reports lag and
 * checkpoints, and stops once a requested cutover has drained this source.
 */
final class SourceReplication implements Callable<Void> {

  private static final Logger LOG = LoggerFactory.getLogger(SourceReplication.class);

  private final TaskContext context;
  private final SourceSpec spec;
  private final ReplicationReport report;
  private final CutoverGate cutover;
  private final TableCopier copier;

  SourceReplication(TaskContext context, SourceSpec spec, ReplicationReport report,
      CutoverGate cutover, TableCopier copier) {
    this.context = context;
    this.spec = spec;
    this.report = report;
    this.cutover = cutover;
    this.copier = copier;
  }

  @Override
  public Void call() throws Exception {
    Endpoint endpoint = context.source(spec);
    int lanes = context.spec().getIncremental().getApplyThreads();
    try (Database source = Database.open(endpoint, 3);
        Database target = Database.open(context.target(), lanes + 2);
        Database ddlTarget = Database.open(context.target(), 1);
        Database historyTarget = Database.open(context.target(), 1);
        Connection filterConnection = source.connection();
        Heartbeat heartbeat = Heartbeat.start(context.spec().getIncremental().getHeartbeat(),
            source, spec.getName())) {
      Position initial = initialStart(filterConnection);
      OnlineDdlLedger onlineDdlLedger = OnlineDdlLedger.open(ddlTarget, context.stateKey(),
          spec.getName());
      OnlineDdl onlineDdl = new OnlineDdl(context.spec().getIncremental().getOnlineDdl(),
          onlineDdlLedger.load());
      TableRouter router = new TableRouter(context.spec(), onlineDdl);
      // one for the applier, the DDL handler (which may hand a boundary on) and the reader
      CopyCutoff copied = copyCutoff(ddlTarget);
      TargetDdl ddl = new TargetDdl(ddlTarget, router, onlineDdl, onlineDdlLedger,
          () -> context.spec().getIncremental().getDdlPolicy(),
          new DdlOverrides(() -> context.spec().getIncremental().getDdlOverrides()),
          DdlReplay.mayAlreadyShow(Durations.parseValid(
              context.spec().getIncremental().getSafeModeWindow())),
          context.spec().getTarget().isWriteBinlog(), copied,
          new TableArrivals(spec.getName(), copier, copied),
          context.metrics().source(spec.getName()));
      try (ChangeApplier applier = new ChangeApplier(context, spec.getName(), target,
          table -> router.mapping(table).orElse(null), ddl, copied)) {
        ResumePoint resume = applier.resume(initial);
        // exact: see SafeMode (keyed rows up to the full load's end only)
        SafeMode safeMode = new SafeMode(safeModeUntil());
        LOG.info("source {}: replicating from {}{}", spec.getName(), resume.start(),
            safeMode.describe());
        try (SchemaHistory history = SchemaHistory.open(source, historyTarget,
                context.stateKey(), spec.getName(), resume.start(),
                table -> router.mapping(table).isPresent());
            BinlogReader reader = BinlogReader.start(
                settings(endpoint, resume.start(), filterConnection, applier.memory()),
                router::replicatesRows,
                copied::inCopy, history)) {
          stream(reader, applier, router, new RowFilter(filterConnection), safeMode,
              filterConnection, history);
        }
        applier.flush();
        report.record(spec.getName(), applier.checkpoint(), applier.stats(),
            applier.conflicts(), 0, false, null, true);
      }
    }
    return null;
  }

  private void stream(BinlogReader reader, ChangeApplier applier, TableRouter router,
      RowFilter rowFilter, SafeMode safeMode, Connection sourceConnection, SchemaHistory history)
      throws Exception {
    RetentionWatch retention =
        new RetentionWatch(spec.getName(), "the checkpoint", Duration.ofMinutes(1));
    StreamLoop.run(reader, applier, new StreamLoop.Stream() {
      @Override
      public void submit(SourceTransaction transaction, Instant now) throws Exception {
        applier.submit(router.route(transaction, rowFilter),
            safeMode.appliesTo(transaction.end()));
      }

      @Override
      public boolean measured(long lag, Instant now) throws SQLException {
        Position low = applier.lowWatermark();
        history.prune(low);
        report.record(spec.getName(), applier.checkpoint(), applier.stats(),
            applier.conflicts(), lag,
            safeMode.appliesTo(low), riskText(retention.check(sourceConnection, low, now,
                Duration.ZERO)), false);
        return true;
      }

      @Override
      public boolean done(SourceTransaction last, long lag) throws Exception {
        return cutover.readyToDrain(spec.getName(), lag)
            && drained(applier, sourceConnection, last);
      }
    });
  }

  /**
   * Once the cutover drains: true when every change up to the drain position is applied. The
   * apply is flushed as soon as the last transaction read reaches the drain position, or when
   * the stream is idle ({@code last} null: nothing more to read, e.g. the position lies past
   * the last transaction), not on every transaction.
   */
  private boolean drained(ChangeApplier applier, Connection source, SourceTransaction last)
      throws SQLException, InterruptedException {
    Position drainTo = cutover.drainPosition(spec.getName(), source);
    if (last != null && !reached(last.end(), drainTo)) {
      return false;
    }
    applier.flush();
    Position low = applier.lowWatermark();
    if (low != null && reached(low, drainTo)) {
      cutover.drained(spec.getName(), Instant.now());
      LOG.info("source {}: drained to {}", spec.getName(), drainTo);
      return true;
    }
    return false;
  }

  /**
   * The risk as the status carries it. A purged checkpoint file is reported, not fatal, here:
   * the stream may still hold what it needs, and a resume from it fails with a clear error.
   */
  private static String riskText(RetentionWatch.Risk risk) {
    return risk == null ? null : risk.message();
  }

  private static boolean reached(Position position, Position drainTo) {
    return switch (position.relativeTo(drainTo)) {
      case SAME, AFTER -> true;
      case BEFORE -> false;
      // Positions that cannot be ordered: the drain keeps waiting rather than stop too early.
      case INCOMPARABLE -> false;
    };
  }

  /** Follows by GTID only where the source's GTID sets order positions (gtid: Auto). */
  private ReaderSettings settings(Endpoint endpoint, Position start, Connection source,
      MemoryBudget memory) throws SQLException {
    long serverId = ServerIds.of(spec.getServerId(), context.stateKey(), spec.getName());
    Optional<String> broken = GtidOrdering.brokenBecause(source, ServerInfo.detect(source));
    boolean gtid = GtidOrdering.followsByGtid(spec.getGtid(), start, broken);
    if (!gtid && spec.getGtid() == GtidUsage.Auto && start.gtids() != null) {
      LOG.info("source {}: following the binlog by file and offset: {}", spec.getName(),
          broken.orElse(""));
    }
    return ReaderSettings.of(spec.getName(), endpoint, serverId, start, gtid, memory);
  }

  /**
   * Where this source's stream starts when nothing was applied yet: the position taken before
   * the full load (mode All), the spec's start position, or now (the capture of the schema
   * history), which is recorded at once so that a restart does not skip what happened in
   * between.
   */
  private Position initialStart(Connection source) throws SQLException {
    Position recorded = StatusPositions.of(checkpoint());
    if (recorded != null) {
      return recorded;
    }
    if (context.spec().getMode() == Mode.All) {
      throw new FerryException(FailureClass.Fatal, "source " + spec.getName() + " has no"
          + " checkpoint from the full load (status.checkpoints); the full load records one"
          + " before copying, so the status was lost or edited: restart the task from scratch");
    }
    Position start = StatusPositions.of(spec.getStartPosition());
    Position chosen = start != null ? start
        : StreamStart.capture(context, spec.getName(), source);
    context.sink().update(status -> {
      SourceCheckpoint checkpoint = new SourceCheckpoint();
      checkpoint.setSource(spec.getName());
      StatusPositions.write(chosen, checkpoint);
      checkpoint.setUpdatedAt(Instant.now().toString());
      status.getCheckpoints().add(checkpoint);
    });
    return chosen;
  }

  /** Where the full-load copy of each table of this source began (none in mode Incremental). */
  private CopyCutoff copyCutoff(Database target) throws SQLException {
    try (Connection connection = target.connection()) {
      return CopyCutoff.read(connection, context.stateKey(), spec.getName());
    }
  }

  private Position safeModeUntil() {
    SourceCheckpoint checkpoint = checkpoint();
    return checkpoint == null ? null : StatusPositions.of(checkpoint.getSafeModeUntil());
  }

  private SourceCheckpoint checkpoint() {
    return context.sink().status().getCheckpoints().stream()
        .filter(c -> spec.getName().equals(c.getSource())).findFirst().orElse(null);
  }
}
