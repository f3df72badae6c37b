package dev.ferry.worker.validation;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.retry.Rfc3339;
import dev.ferry.api.rules.Durations;
import dev.ferry.api.v1alpha1.ChunkMismatch;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.ReplicationStatus;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.ValidationSpec;
import dev.ferry.api.v1alpha1.ValidationStage;
import dev.ferry.api.v1alpha1.ValidationStatus;
import dev.ferry.worker.catalog.ChunkPlanner;
import dev.ferry.worker.catalog.KeyRange;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.task.Interruptions;
import dev.ferry.worker.task.TaskContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validation while the incremental phase replicates, next to the replication streams: with
 * {@code spec.validation.when} Continuous, passes over every table repeat until the phase ends;
 * with AfterFullLoad in mode All, one pass runs (once per task). A pass starts once replication
 * has caught up (lag at most {@code spec.cutover.maxLag}, and never more than
 * {@value #CAUGHT_UP_SECONDS} s) and compares each chunk with {@link InFlightCheck}, so changes
 * in flight raise no false alarm; chunks whose apply wait times out are tried again at the end of
 * the pass. Between two passes it pauses as long as the last pass took, and at least
 * {@link #MIN_PAUSE} (there is no spec setting for it). Differences are reported in
 * {@code status.validation} and the {@code Validated} condition and do not stop replication;
 * chunks are never repaired here, as re-copying rows while the apply writes them could lose
 * changes. Passes keep no ledger: an interrupted pass starts over.
 */
public final class ReplicatingValidation implements Callable<Void> {

  /** Shortest pause between two passes. */
  static final Duration MIN_PAUSE = Duration.ofSeconds(10);
  /** Lag at which replication counts as caught up whatever the cutover's maxLag. */
  static final long CAUGHT_UP_SECONDS = 5;
  /** Longest wait for the apply to pass a chunk's read position before deferring the chunk. */
  static final Duration APPLY_WAIT = Duration.ofSeconds(30);
  /** Chunks compared at once; fewer than the validation phase, as replication runs too. */
  static final int THREADS = 2;

  private static final Logger LOG = LoggerFactory.getLogger(ReplicatingValidation.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  /** MySQL/MariaDB errors of a table that changes shape under a pass: no such column, table. */
  private static final List<Integer> SCHEMA_CHANGED = List.of(1054, 1146);

  private final TaskContext context;
  private final PassReport report;

  public ReplicatingValidation(TaskContext context) {
    this.context = context;
    this.report = new PassReport(context.sink());
  }

  /** The stage that validates while replicating under {@code spec}, or null for none. */
  static ValidationStage stage(MigrationTaskSpec spec) {
    ValidationSpec validation = spec.getValidation();
    if (!validation.isEnabled() || spec.getMode() == Mode.Full) {
      return null;
    }
    if (validation.getWhen().contains(ValidationStage.Continuous)) {
      return ValidationStage.Continuous;
    }
    return spec.getMode() == Mode.All && validation.getWhen().contains(
        ValidationStage.AfterFullLoad) ? ValidationStage.AfterFullLoad : null;
  }

  /**
   * Runs the passes the spec asks for; returns when they are done (at once when none), or throws
   * {@link InterruptedException} when stopped.
   *
   * @throws FerryException when a pass cannot run, with its failure class
   */
  @Override
  public Void call() throws InterruptedException {
    ValidationStage stage = stage(context.spec());
    if (stage == null || (stage == ValidationStage.AfterFullLoad && afterFullLoadDone())) {
      return null;
    }
    Instant started = Instant.now();
    Map<String, Database> sources = new LinkedHashMap<>();
    try (Database target = Database.open(context.target(), THREADS + 1)) {
      for (SourceSpec source : context.spec().getSources()) {
        sources.put(source.getName(), Database.open(context.source(source), THREADS + 1));
      }
      int pass = report.passes(stage);
      while (true) {
        awaitCaughtUp(started);
        Instant passStart = Instant.now();
        Tally tally = new Tally(context.metrics());
        PassTables tables = pass(sources, target, tally);
        report.completed(stage, ++pass, passStart, tables.checked(), tables.total(), tally,
            context.spec().getValidation().isRepair());
        LOG.info("validation pass {} while replicating: {} chunks match, {} differ, {} re-checked,"
            + " {} undecided", pass, tally.matched(), tally.mismatched(), tally.rechecked(),
            tally.unsettled());
        for (ChunkMismatch chunk : tally.mismatches()) {
          LOG.warn("validation pass {} while replicating: {} differs in keys {} to {}, first"
              + " differing keys {}", pass, chunk.getTable(), chunk.getLowerKey(),
              chunk.getUpperKey(), chunk.getKeys());
        }
        if (stage == ValidationStage.AfterFullLoad) {
          return null;
        }
        Duration took = Duration.between(passStart, Instant.now());
        Thread.sleep(Math.max(MIN_PAUSE.toMillis(), took.toMillis()));
        if (stage(context.spec()) != ValidationStage.Continuous) {
          return null;
        }
      }
    } catch (SQLException e) {
      throw Interruptions.failed("validation while replicating", e);
    } finally {
      sources.values().forEach(Database::close);
    }
  }

  private boolean afterFullLoadDone() {
    ValidationStatus last = context.sink().status().getValidation();
    return last != null && last.getStage() == ValidationStage.AfterFullLoad
        && last.getCompletedAt() != null;
  }

  /** Waits until the replication status, written since {@code since}, shows a small lag. */
  private void awaitCaughtUp(Instant since) throws InterruptedException {
    while (true) {
      ReplicationStatus replication = context.sink().status().getReplication();
      long allowed = Math.min(CAUGHT_UP_SECONDS, Math.max(1,
          Durations.parseValid(context.spec().getCutover().getMaxLag()).toSeconds()));
      if (replication != null && replication.getLagSeconds() != null
          && replication.getLagSeconds() <= allowed
          && Rfc3339.parse(replication.getUpdatedAt()).map(at -> !at.isBefore(since))
          .orElse(false)) {
        return;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Tables compared by a pass (target tables, merged shards counting once) of all included. */
  private record PassTables(int checked, int total) {}

  /**
   * One pass over every table into {@code tally}. Tables that cannot be read now (a DDL not
   * applied yet, a table swapped away) are not checked and count as one undecided chunk each.
   */
  private PassTables pass(Map<String, Database> sources, Database target, Tally tally)
      throws SQLException, InterruptedException {
    MigrationTaskSpec spec = context.spec();
    AtomicInteger skipped = new AtomicInteger();
    List<ComparedTable> tables = ComparedTables.read(spec, sources, target,
        (mapping, problem) -> {
          LOG.warn("validation pass skips {} for now: {}", mapping.source(),
              problem.getMessage());
          skipped.incrementAndGet();
          tally.unsettled(1);
        });
    List<TableGroup> groups = TableGroup.of(tables, sources.size() > 1);
    TableGroup.Sources connections = member -> sources.get(member.source()).connection();
    InFlightCheck check = new InFlightCheck(connections, target,
        new AppliedPositions(context.stateKey()), APPLY_WAIT);
    Map<ValidationChunk, TableGroup> deferred = new LinkedHashMap<>();
    ExecutorService workers = Executors.newFixedThreadPool(THREADS,
        Interruptions.daemon("ferry-validation-cdc"));
    try {
      for (TableGroup group : groups) {
        List<ValidationChunk> chunks;
        try {
          chunks = planned(group, connections, spec);
        } catch (SQLException e) {
          undecided(e, group, tally);
          continue;
        }
        List<Future<ValidationChunk>> futures = new ArrayList<>();
        for (ValidationChunk chunk : chunks) {
          futures.add(workers.submit(() -> check.check(group, chunk, tally)));
        }
        for (Future<ValidationChunk> future : futures) {
          ValidationChunk compared = outcome(future, futures, group, tally);
          if (compared != null && compared.state() == ChunkState.PENDING) {
            deferred.put(compared, group);
          } else if (compared != null) {
            tally.compared(compared, group);
          }
        }
      }
    } finally {
      workers.shutdownNow();
      Interruptions.awaitStopped(workers);
    }
    for (Map.Entry<ValidationChunk, TableGroup> chunk : deferred.entrySet()) {
      ValidationChunk compared;
      try {
        compared = check.check(chunk.getValue(), chunk.getKey(), tally);
      } catch (SQLException e) {
        undecided(e, chunk.getValue(), tally);
        continue;
      }
      tally.compared(compared.state() == ChunkState.PENDING
          ? compared.with(ChunkState.UNSETTLED, List.of()) : compared, chunk.getValue());
    }
    return new PassTables(groups.size(), groups.size() + skipped.get());
  }

  /** The group's chunks for this pass, planned afresh on its first member's source. */
  private static List<ValidationChunk> planned(TableGroup group, TableGroup.Sources sources,
      MigrationTaskSpec spec) throws SQLException, InterruptedException {
    ComparedTable first = group.first();
    List<KeyRange> ranges;
    try (Connection source = sources.connection(first)) {
      ranges = ChunkPlanner.plan(source, group.chunking(), spec.getValidation().getChunkRows(),
          spec.getValidation().getChunkRows());
    }
    List<ValidationChunk> chunks = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      chunks.add(new ValidationChunk(first.source(), first.mapping().source(), i, ranges.get(i),
          !group.keyed(), ChunkState.PENDING, List.of()));
    }
    return chunks;
  }

  /**
   * The chunk a worker compared; null when its table changed shape meanwhile (counted as
   * undecided). Any other failure cancels the group's other chunks and is thrown.
   */
  private static ValidationChunk outcome(Future<ValidationChunk> future,
      List<Future<ValidationChunk>> all, TableGroup group, Tally tally)
      throws SQLException, InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        try {
          undecided(sql, group, tally);
          return null;
        } catch (SQLException other) {
          all.forEach(f -> f.cancel(true));
          throw other;
        }
      }
      all.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof InterruptedException stopped) {
        throw stopped;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Counts a chunk of {@code group} as undecided when {@code failure} says its table changed
   * shape under the pass; rethrows any other failure.
   */
  private static void undecided(SQLException failure, TableGroup group, Tally tally)
      throws SQLException {
    if (!SCHEMA_CHANGED.contains(failure.getErrorCode())) {
      throw failure;
    }
    LOG.warn("validation pass leaves a chunk of {} undecided: {}", group.name(),
        failure.getMessage());
    tally.unsettled(1);
  }
}
