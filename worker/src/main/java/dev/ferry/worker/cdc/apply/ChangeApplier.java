package dev.ferry.worker.cdc.apply;

import dev.ferry.api.position.Position;
import dev.ferry.api.position.StatusPositions;
import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.IncrementalSpec;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.cdc.memory.MemoryBudget;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.task.TaskContext;
import dev.ferry.worker.throttle.Throttle;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the change stream of one source to the target, in parallel lanes, exactly once.
 *
 * <p><b>Routing.</b> Every row change has causality keys: its target table plus the key values
 * of its before and after images (see {@link CausalityKeys}). A transaction goes whole to one
 * lane, chosen only from its first key and the lane count; if another lane still holds one of
 * its keys uncommitted, the submit waits until that lane has committed it. So the changes of one
 * key are applied in binlog order, and a source transaction is never split.
 *
 * <p><b>Exactly once.</b> Each lane commits its transactions in binlog order, each target
 * transaction together with the lane's checkpoint row ({@code ferry_meta.cdc_checkpoints}). After
 * a crash the stream is replayed from the lowest lane checkpoint; a replayed transaction whose end
 * is at or before the checkpoint of its lane (the same lane, since the lane is a function of the
 * transaction) was committed and is skipped; any other one was not. Waiting for conflicting keys
 * makes the committed set closed under "earlier transaction on a shared key", so replaying the
 * rest applies every key's remaining changes in order. The checkpoint of an idle lane is moved to
 * the in-memory watermark (everything at or before it is committed), which keeps this true. When
 * the lane count changed, the lane of a transaction is no longer known, so everything from the
 * lowest to the highest stored checkpoint is applied again in safe mode (see {@link ResumePlan}).
 * A DDL runs with all lanes drained and every checkpoint then moves past it in one transaction;
 * a crash between the two runs the DDL again (DDL is at least once). A transaction whose
 * foreign key rules change child rows on the target also runs with all lanes drained, together
 * with every checkpoint (see {@link CascadeWriter}).
 *
 * <p><b>Memory.</b> What waits in the lanes is bounded in bytes of row images
 * ({@link MemoryBudget}). A transaction too large for the heap arrives with its rows spilled to
 * a local file by the reader; it runs at a barrier too (every lane drained before it, none
 * writing until it commits), its rows written chunk by chunk in ONE target transaction that
 * also moves every checkpoint past it (see {@link SpilledWrites}): a crash in the middle rolls
 * the target transaction back and the resume applies it whole again; with every checkpoint at
 * or past its end it was committed, and a replay skips it.
 *
 * <p><b>Use.</b> Call {@link #resume} once, then {@link #submit} every unit of the stream in
 * binlog order from one thread. The target pool must allow {@code applyThreads + 1}
 * connections: each lane holds one, and barriers and resumes use one more.
 */
public final class ChangeApplier implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);
  private static final long STOP_MILLIS = 30_000;

  private final TaskContext context;
  private final String source;
  private final Database target;
  private final DdlHandler ddl;
  private final ChangeMapper mapper;
  private final LaneCheckpoints checkpoints;
  private final Throttle throttle;
  private final ApplyMetrics metrics;
  private final FailureLatch failure = new FailureLatch();
  private final ConflictPolicies policies;
  private final ConflictLog conflicts;
  private final PendingKeys pending = new PendingKeys();
  private final MemoryBudget memory;
  private final List<Lane> lanes = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private ApplySession session;
  private TargetTransactions transactions;
  private ResumePlan plan;
  private Watermark watermark;
  private LaneCommits commits;
  private CopyCutoff copied;

  /**
   * An applier for {@code source}.
   *
   * @param mappings the mapping of a source table, or null when the table is not migrated
   * @param ddl runs each DDL of the stream while every lane is drained
   */
  public ChangeApplier(TaskContext context, String source, Database target,
      Function<TableRef, TableMapping> mappings, DdlHandler ddl) {
    this(context, source, target, mappings, ddl, null);
  }

  /**
   * An applier for {@code source} that drops what the full-load copies hold by {@code copied}
   * (shared with the DDL handler, which may hand a copy's boundary on); null: read at
   * {@link #resume}.
   */
  public ChangeApplier(TaskContext context, String source, Database target,
      Function<TableRef, TableMapping> mappings, DdlHandler ddl, CopyCutoff copied) {
    this.copied = copied;
    this.context = context;
    this.source = source;
    this.target = target;
    this.ddl = ddl;
    this.policies = new ConflictPolicies(context.spec());
    this.conflicts = new ConflictLog(source);
    this.mapper = new ChangeMapper(mappings, target, policies);
    this.checkpoints = new LaneCheckpoints(context.stateKey(), source);
    this.throttle = new Throttle(() -> context.spec().getIncremental().getThrottle());
    this.metrics = new ApplyMetrics(context.metrics().source(source));
    this.memory = MemoryBudget.ofThisJvm(context.spec().getSources().size(),
        context.spec().getIncremental().getApplyThreads());
  }

  /**
   * The heap this applier's stream may hold: its lanes' queues, and the size above which the
   * reader spills a transaction (the stream's sources share the JVM's heap).
   */
  public MemoryBudget memory() {
    return memory;
  }

  /**
   * Reads the lane checkpoints (creating them at {@code initialStart} when there are none),
   * starts the lanes, and says where to read the binlog from.
   *
   * @param initialStart where the stream starts when nothing was applied yet: the position taken
   *     before the full load
   */
  public ResumePoint resume(Position initialStart) throws SQLException {
    if (plan != null) {
      throw new IllegalStateException("resume() was already called");
    }
    IncrementalSpec incremental = context.spec().getIncremental();
    int laneCount = incremental.getApplyThreads();
    ResumePlan resumed;
    try (Connection connection = target.connection()) {
      LaneCheckpoints.ensureTable(connection);
      session = ApplySession.of(connection, context.spec().getTarget().isWriteBinlog());
      transactions = new TargetTransactions(target, session);
      resumed = ResumePlan.of(checkpoints.read(connection), laneCount, initialStart);
      if (copied == null) {
        copied = CopyCutoff.read(connection, context.stateKey(), source);
      }
    }
    if (resumed.rewrite()) {
      transactions.run(connection -> checkpoints.replace(connection, laneCount, resumed.start(),
          resumed.point().safeModeUntil()));
    }
    ResumePoint point = resumed.point();
    if (point.laneCountChanged()) {
      LOG.warn("Source '{}': the CDC checkpoints were written with {} lanes, now {}; changes"
              + " from {} up to {} are applied again in safe mode", source,
          point.previousLaneCount(), laneCount, point.start(), point.safeModeUntil());
    }
    plan = resumed;
    watermark = new Watermark(resumed.start());
    commits = new LaneCommits(resumed.lanes());
    LaneShared shared = new LaneShared(source, target, session, checkpoints, commits, watermark,
        pending, metrics, failure, incremental.getBatchSize(), policies, conflicts);
    for (int i = 0; i < laneCount; i++) {
      Lane lane = new Lane(i, shared, memory.laneQueueBytes());
      context.metrics().source(source).laneQueue(i, lane::queued);
      Thread thread = new Thread(lane, "ferry-apply-" + source + "-" + i);
      thread.setDaemon(true);
      lanes.add(lane);
      threads.add(thread);
      thread.start();
    }
    return point;
  }

  /**
   * Applies one unit of the stream (the next in binlog order). Returns once it is dispatched to
   * a lane; blocks for backpressure, throttling and key conflicts, and while a DDL runs.
   *
   * @param transaction the unit; the file of a spilled one stays the caller's to delete
   * @param safeMode apply idempotently (the applier also forces it where the resume point
   *     requires)
   * @throws FerryException when a lane failed (its class and message)
   */
  public void submit(SourceTransaction transaction, boolean safeMode)
      throws InterruptedException {
    requireResumed();
    failure.check();
    metrics.received(transaction);
    AppliedPosition end = new AppliedPosition(transaction.end(), transaction.commitTime());
    Watermark.Entry entry = watermark.register(end);
    if (transaction.isDdl()) {
      applyDdl(transaction, entry);
      return;
    }
    if (transaction.isSpilled()) {
      applySpilled(transaction, safeMode, entry);
      return;
    }
    List<TargetChange> changes = mapper.map(copied.rows(transaction));
    if (changes.isEmpty()) {
      watermark.done(entry);
      return;
    }
    List<List<String>> changeKeys = new ArrayList<>(changes.size());
    Set<String> keys = new LinkedHashSet<>();
    for (TargetChange change : changes) {
      List<String> ofChange = CausalityKeys.of(change);
      changeKeys.add(ofChange);
      keys.addAll(ofChange);
    }
    int lane = CausalityKeys.lane(keys, lanes.size());
    if (plan.applied(transaction.end(), lane)) {
      metrics.skipped();
      watermark.done(entry);
      return;
    }
    // Safe mode here is exact for keyed rows only (final images by key, each key's changes in
    // binlog order): the caller's flag covers the full load's stretch (see cdc.SafeMode), the
    // plan's the replay after a change of the lane count, where which transactions were applied
    // is not known. RowWrite never writes a keyless row idempotently, so a keyless change in
    // that replay cannot be applied exactly and stops the task instead.
    boolean replay = plan.forcesSafeMode(transaction.end());
    if (replay) {
      refuseKeylessReplay(changes, transaction);
    }
    boolean safe = replay || safeMode;
    UnitWrites unit = UnitWrites.of(changes, changeKeys, safe);
    throttle.acquire(changes.size(), unit.bytes());
    if (changes.stream().anyMatch(TargetChange::cascades)) {
      applyCascading(changes, changeKeys, safe, entry, transaction.commitTime(), unit);
      return;
    }
    pending.acquire(keys, lane, failure::check);
    lanes.get(lane).enqueue(new LaneWork(entry, unit.writes(), keys, changes.size(),
        unit.operations(), transaction.heapBytes()));
  }

  /**
   * Applies a transaction whose rows are spilled to a local file (see the class comment). Like
   * a DDL, it was committed when every checkpoint is at or past its end.
   */
  private void applySpilled(SourceTransaction transaction, boolean safeMode,
      Watermark.Entry entry) throws InterruptedException {
    if (plan.appliedEverywhere(transaction.end())) {
      metrics.skipped();
      watermark.done(entry);
      return;
    }
    // safe mode as for any transaction (see submit); the keyless refusal chunk by chunk
    boolean replay = plan.forcesSafeMode(transaction.end());
    boolean safe = replay || safeMode;
    LOG.info("Source '{}': applying a large transaction ({} row changes, spilled to disk)"
        + " ending at {} with every lane drained", source, transaction.rowCount(),
        transaction.end());
    throttle.acquire(transaction.rowCount(), transaction.spilled().fileBytes());
    long started = System.nanoTime();
    barrier(() -> {
      SpilledWrites.Outcome outcome = writeSpilled(transaction, safe, entry.end(),
          changes -> {
            if (replay) {
              refuseKeylessReplay(changes, transaction);
            }
          });
      commits.setAll(entry.end());
      for (ConflictResolution.Resolved conflict : outcome.resolved()) {
        conflicts.resolved(conflict.conflict(), conflict.policy());
      }
      outcome.moreResolved().forEach((group, count) ->
          conflicts.resolvedInBulk(group.table(), group.policy(), count));
      metrics.batchCommitted(1, outcome.operations(),
          Duration.ofNanos(System.nanoTime() - started), transaction.commitTime());
    });
    watermark.done(entry);
  }

  /**
   * Writes the spilled rows of {@code transaction} and every lane's checkpoint at {@code end}
   * in one target transaction (at a barrier).
   */
  private SpilledWrites.Outcome writeSpilled(SourceTransaction transaction, boolean safe,
      AppliedPosition end, Consumer<List<TargetChange>> check) throws SQLException {
    SpilledWrites writes = new SpilledWrites(mapper, copied,
        new ConflictResolution(source, policies), session, memory.chunkBytes());
    SpilledWrites.Outcome[] outcome = new SpilledWrites.Outcome[1];
    transactions.run(connection -> {
      outcome[0] = writes.write(connection, transaction, safe, end, check);
      checkpoints.writeAll(connection, end);
    });
    return outcome[0];
  }

  private void refuseKeylessReplay(List<TargetChange> changes, SourceTransaction transaction) {
    for (TargetChange change : changes) {
      if (change.table().keyless()) {
        throw new FerryException(FailureClass.Fatal, "source '" + source + "': the change at "
            + transaction.end() + " of target table " + change.table().target() + " (no"
            + " primary key or NOT NULL unique key) lies in the stretch replayed after"
            + " spec.incremental.applyThreads changed (up to " + plan.point().safeModeUntil()
            + "), where it is not known whether it was applied; a row without a key cannot be"
            + " replayed idempotently. Copy that table again (empty it on the target and restart"
            + " the task from the full load), or add a primary key. Change applyThreads only"
            + " after a cutover drain to avoid this.");
      }
    }
  }

  /**
   * Waits until every dispatched transaction is committed and moves every lane's checkpoint to
   * the last one, so the low watermark is the position of the last submitted unit.
   */
  public void flush() throws InterruptedException {
    requireResumed();
    failure.check();
    barrier(() -> {
      AppliedPosition last = watermark.current();
      if (!commits.allAtOrBeyond(last)) {
        moveAll(last);
      }
    });
  }

  /**
   * The position up to which every change of this source is committed on the target, as stored
   * in the lane checkpoints (the lowest of them): a resume starts there, so it never moves
   * backwards, not even across restarts. Null before {@link #resume}.
   */
  public Position lowWatermark() {
    return commits == null ? null : commits.lowest().position();
  }

  /** The {@link #lowWatermark()} as a status checkpoint of this source; null before resume. */
  public SourceCheckpoint checkpoint() {
    if (commits == null) {
      return null;
    }
    AppliedPosition lowest = commits.lowest();
    SourceCheckpoint checkpoint = new SourceCheckpoint();
    checkpoint.setSource(source);
    StatusPositions.write(lowest.position(), checkpoint);
    checkpoint.setEventTime(lowest.eventTime() == null ? null : lowest.eventTime().toString());
    checkpoint.setUpdatedAt(Instant.now().toString());
    return checkpoint;
  }

  public ApplyStats stats() {
    return metrics.snapshot();
  }

  /** The conflicts that a table's policy (Overwrite or Skip) resolved so far. */
  public ConflictCounts conflicts() {
    return conflicts.snapshot();
  }

  /** Throws the first failure of a lane, if any: call it while the stream is idle too. */
  public void check() {
    failure.check();
  }

  /** Where every submitted transaction is done, in memory; null before {@link #resume}. */
  public Position appliedPosition() {
    return watermark == null ? null : watermark.current().position();
  }

  /** The source commit time at {@link #appliedPosition()}, or null when not known. */
  public Instant appliedCommitTime() {
    return watermark == null ? null : watermark.current().eventTime();
  }

  /**
   * Stops the lanes after the batches they are committing; transactions still queued are not
   * applied (a resume replays them). Call {@link #flush()} first for a clean stop.
   */
  @Override
  public void close() {
    lanes.forEach(Lane::stop);
    boolean interrupted = false;
    for (Thread thread : threads) {
      try {
        thread.join(STOP_MILLIS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void applyDdl(SourceTransaction transaction, Watermark.Entry entry)
      throws InterruptedException {
    if (plan.appliedEverywhere(transaction.end())) {
      metrics.skipped();
      watermark.done(entry);
      return;
    }
    barrier(() -> {
      ddl.apply(transaction);
      mapper.forget();
      if (transaction.isSpilled()) {
        // the rows of a large CREATE TABLE ... SELECT: as below, read back chunk by chunk
        writeSpilled(transaction, false, entry.end(), changes -> { });
        commits.setAll(entry.end());
        return;
      }
      List<TargetChange> changes = mapper.map(copied.rows(transaction));
      if (changes.isEmpty()) {
        moveAll(entry.end());
        return;
      }
      // the rows of a CREATE TABLE ... SELECT, after the table: with every checkpoint in one
      // target transaction, so a crash before it replays the statement (then "already done")
      // and the rows
      List<List<String>> keys = changes.stream().map(CausalityKeys::of).toList();
      transactions.run(connection -> {
        try (BatchWriter writer = new BatchWriter(session)) {
          new CascadeWriter(writer).write(connection, changes, keys, false);
        }
        checkpoints.writeAll(connection, entry.end());
      });
      commits.setAll(entry.end());
    });
    mapper.forget();
    watermark.done(entry);
    metrics.ddlCommitted(transaction.commitTime());
  }

  /**
   * Applies a transaction that changes child rows through foreign keys on the target (see
   * {@link CascadeWriter}) alone, once every lane has committed what it was given, together
   * with every lane's checkpoint: the child rows may belong to any lane.
   */
  private void applyCascading(List<TargetChange> changes, List<List<String>> keys,
      boolean safe, Watermark.Entry entry, Instant commitTime, UnitWrites unit)
      throws InterruptedException {
    long started = System.nanoTime();
    barrier(() -> {
      transactions.run(connection -> {
        try (BatchWriter writer = new BatchWriter(session)) {
          new CascadeWriter(writer).write(connection, changes, keys, safe);
        }
        checkpoints.writeAll(connection, entry.end());
      });
      commits.setAll(entry.end());
    });
    watermark.done(entry);
    metrics.batchCommitted(1, unit.operations(), Duration.ofNanos(System.nanoTime() - started),
        commitTime);
  }

  /** Runs {@code action} once every lane has committed what it was given and is parked. */
  private void barrier(TargetAction action) throws InterruptedException {
    Barrier barrier = new Barrier(lanes.size());
    try {
      for (Lane lane : lanes) {
        lane.enqueue(barrier);
      }
      barrier.awaitLanes(failure::check);
      action.run();
    } catch (SQLException e) {
      throw new FerryException(FailureClassifier.classify(e), "Applying changes of source '"
          + source + "' failed at a barrier (DDL, checkpoint, foreign key cascade or large"
          + " transaction): "
          + e.getMessage(), e);
    } finally {
      barrier.release();
    }
  }

  /** Moves every lane's checkpoint to {@code position} in one target transaction. */
  private void moveAll(AppliedPosition position) throws SQLException {
    transactions.run(connection -> checkpoints.writeAll(connection, position));
    commits.setAll(position);
  }

  private void requireResumed() {
    if (plan == null) {
      throw new IllegalStateException("Call resume() before applying changes");
    }
  }

  /** Work on the target that may fail with an SQLException. */
  @FunctionalInterface
  private interface TargetAction {
    void run() throws SQLException;
  }
}
