package dev.ferry.worker.validation;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.StatusLimits;
import dev.ferry.worker.catalog.ChunkPlanner;
import dev.ferry.worker.catalog.KeyRange;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.task.Interruptions;
import dev.ferry.worker.task.TaskContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The validation phase: proves that the target holds exactly the source's rows. Each table is split
 * once on the source into key ranges of {@code spec.validation.chunkRows} rows; the same ranges are
 * checksummed on both sides, in the databases and in parallel (count and hashes of every row's
 * canonical text, see {@link TypeClass} and {@link Checksum}); in a chunk that differs, per-row
 * hashes name the first differing keys. Tables without a usable key are compared whole. Renames,
 * name case and the rules' WHERE filters are applied; every source is compared with the target for
 * its own tables, and tables merged from several sources into one target table are compared with
 * the union of their sources' rows. Chunks are recorded in the target's meta schema, so an
 * interrupted run resumes where it stopped. With {@code spec.validation.repair}, chunks that differ
 * are re-copied from the source and checked again.
 */
public final class Validation {

  /** Chunks compared at once. */
  static final int THREADS = 4;

  private final TaskContext context;
  private final Map<String, Database> sources;
  private final Database target;

  private Validation(TaskContext context, Map<String, Database> sources, Database target) {
    this.context = context;
    this.sources = sources;
    this.target = target;
  }

  /**
   * Validates every included table of every source, reporting into {@code status.validation}.
   * Differences are reported in the result, not thrown.
   *
   * @throws InterruptedException when the calling thread was interrupted; the ledger keeps the
   *     compared chunks and the next run resumes
   * @throws FerryException when validation cannot run, with its failure class
   */
  public static ValidationResult run(TaskContext context) throws InterruptedException {
    MigrationTaskSpec spec = context.spec();
    Map<String, Database> sources = new LinkedHashMap<>();
    // per server: a connection for each table being planned and each chunk being compared
    try (Database target = Database.open(context.target(), 2 * THREADS + 1)) {
      for (SourceSpec source : spec.getSources()) {
        sources.put(source.getName(), Database.open(context.source(source), 2 * THREADS + 1));
      }
      return new Validation(context, sources, target).validate(spec);
    } catch (SQLException e) {
      throw Interruptions.failed("validation", e);
    } finally {
      sources.values().forEach(Database::close);
    }
  }

  private ValidationResult validate(MigrationTaskSpec spec)
      throws SQLException, InterruptedException {
    ValidationReport report = ValidationReport.begin(context.sink());
    ValidationLedger ledger = new ValidationLedger(context.stateKey(), report.runId());
    try (Connection connection = target.connection()) {
      ValidationLedger.ensure(connection);
      ledger.discardOtherRuns(connection);
    }
    List<TableGroup> groups = TableGroup.of(ComparedTables.read(spec, sources, target,
        ComparedTables.STRICT), sources.size() > 1);
    Tally tally = new Tally(context.metrics());
    Map<String, List<ValidationChunk>> recorded = new HashMap<>();
    try (Connection connection = target.connection()) {
      for (ValidationChunk chunk : ledger.all(connection)) {
        recorded.computeIfAbsent(ledgerName(chunk.source(), chunk.table().toString()),
            k -> new ArrayList<>()).add(chunk);
      }
    }
    if (report.resumed()) {
      countCompared(recorded, groups, tally);
    }
    ChunkRepair repair = spec.getValidation().isRepair()
        ? new ChunkRepair(spec.getTarget().isWriteBinlog()) : null;
    ExecutorService workers = Executors.newFixedThreadPool(THREADS,
        Interruptions.daemon("ferry-validation"));
    ExecutorService tables = Executors.newFixedThreadPool(THREADS,
        Interruptions.daemon("ferry-validation-table"));
    AtomicInteger validated = new AtomicInteger();
    report.progress(0, groups.size(), tally);
    List<Future<?>> futures = new ArrayList<>();
    try {
      // several tables at once: a schema of many small tables is not one table at a time
      for (TableGroup group : groups) {
        futures.add(tables.submit(() -> {
          List<ValidationChunk> chunks = planned(ledger, group,
              spec.getValidation().getChunkRows(), recorded);
          compare(group, chunks, ledger, repair, tally, workers);
          int done = validated.incrementAndGet();
          synchronized (report) {
            report.progress(done, groups.size(), tally);
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw Interruptions.rethrow(e.getCause());
    } finally {
      tables.shutdownNow();
      workers.shutdownNow();
      Interruptions.awaitStopped(tables);
      Interruptions.awaitStopped(workers);
    }
    int checked = validated.get();
    report.complete(checked, groups.size(), tally);
    return new ValidationResult(tally.mismatched() == 0, tally.differingTables(),
        tally.keylessTables(), checked, tally.matched(), tally.mismatched(), tally.repaired());
  }

  /** Counts the chunks an interrupted run already compared ({@code recorded}, by table). */
  private static void countCompared(Map<String, List<ValidationChunk>> recorded,
      List<TableGroup> groups, Tally tally) {
    for (TableGroup group : groups) {
      recorded.getOrDefault(ledgerName(group.first().source(),
          group.first().mapping().source().toString()), List.of())
          .forEach(chunk -> tally.add(chunk, group));
    }
  }

  private static String ledgerName(String source, String table) {
    return source + "/" + table;
  }

  /**
   * The group's chunks from the ledger ({@code recorded}, read once for all tables, under its
   * first member), planned and stored first when it has none.
   */
  private List<ValidationChunk> planned(ValidationLedger ledger, TableGroup group,
      int chunkRows, Map<String, List<ValidationChunk>> recorded)
      throws SQLException, InterruptedException {
    ComparedTable first = group.first();
    List<ValidationChunk> chunks = recorded.get(ledgerName(first.source(),
        first.mapping().source().toString()));
    if (chunks != null) {
      return chunks;
    }
    try (Connection connection = target.connection()) {
      List<KeyRange> ranges;
      try (Connection source = sourceConnection(first)) {
        ranges = ChunkPlanner.plan(source, group.chunking(), chunkRows, chunkRows);
      }
      return ledger.storePlan(connection, first.source(), first.mapping().source(), ranges,
          !group.keyed());
    }
  }

  private Connection sourceConnection(ComparedTable member) throws SQLException {
    return sources.get(member.source()).connection();
  }

  /** Compares the group's pending chunks in parallel and records each in the ledger. */
  private void compare(TableGroup group, List<ValidationChunk> chunks,
      ValidationLedger ledger, ChunkRepair repair, Tally tally, ExecutorService workers)
      throws SQLException, InterruptedException {
    List<Future<ValidationChunk>> futures = new ArrayList<>();
    for (ValidationChunk chunk : chunks) {
      if (!chunk.state().done()) {
        futures.add(workers.submit(() -> compare(group, chunk, ledger, repair)));
      }
    }
    try {
      for (Future<ValidationChunk> future : futures) {
        tally.compared(future.get(), group);
      }
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw Interruptions.rethrow(e.getCause());
    }
  }

  private ValidationChunk compare(TableGroup group, ValidationChunk chunk,
      ValidationLedger ledger, ChunkRepair repair) throws SQLException {
    try (Connection targetConnection = target.connection()) {
      ValidationChunk compared = check(group, targetConnection, chunk);
      if (compared.state() == ChunkState.MISMATCHED && repair != null) {
        repair.repair(group, this::sourceConnection, targetConnection, chunk.range());
        ValidationChunk again = check(group, targetConnection, chunk);
        compared = again.state() == ChunkState.MATCHED
            ? chunk.with(ChunkState.REPAIRED, compared.keys()) : again;
      }
      ledger.record(targetConnection, compared);
      return compared;
    }
  }

  /**
   * Compares one chunk: the target's checksum against the sum of its source tables'; when they
   * differ, locates the first differing rows.
   */
  private ValidationChunk check(TableGroup group, Connection target, ValidationChunk chunk)
      throws SQLException {
    Checksum expected = Checksum.EMPTY;
    for (ComparedTable member : group.members()) {
      try (Connection source = sourceConnection(member)) {
        expected = expected.plus(Checksum.of(source, member, chunk.range(), Side.SOURCE));
      }
    }
    Checksum actual = Checksum.of(target, group.first(), chunk.range(), Side.TARGET);
    if (expected.equals(actual)) {
      return chunk.with(ChunkState.MATCHED, List.of());
    }
    List<String> keys = group.keyed() ? RowDiff.differingKeys(group, this::sourceConnection,
        target, chunk.range(), StatusLimits.MAX_KEYS_PER_MISMATCH) : List.of();
    return chunk.with(ChunkState.MISMATCHED, keys);
  }
}
