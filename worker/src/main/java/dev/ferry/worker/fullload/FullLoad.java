package dev.ferry.worker.fullload;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.meta.CopyBoundaries;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.task.Interruptions;
import dev.ferry.worker.task.TaskContext;
import dev.ferry.worker.throttle.Throttle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full data load: copies the existing rows of every included table of every source into the
 * target, chunk by chunk, exactly once per chunk, resumable after any stop.
 *
 * <p>Order of work: record each source's binlog start position (before any data is read), bring
 * the plan and the target tables in line with the source tables' definitions (under a target
 * lock: {@link TableSync} plans each table once, with its copy boundary, and plans again a table
 * that changed), copy this shard's unfinished chunks with {@code spec.fullLoad.threads} threads,
 * and when the whole plan is done record where the load ended ({@code safeModeUntil}). A chunk
 * whose table changed under it ({@link TableChangedException}) stops the round: the changed table
 * is planned again and the copy goes on; it never fails the load. Interrupting the calling
 * thread stops the load promptly; uncommitted chunks are rolled back and copied by the next run.
 */
public final class FullLoad {

  private static final Logger LOG = LoggerFactory.getLogger(FullLoad.class);
  /** Tables a log line names at most; a schema may hold 10,000. */
  private static final int LISTED_TABLES = 20;

  private final TaskContext context;
  private final int shardIndex;
  private final int shardCount;
  private final Map<String, Database> sources;
  private final Database target;
  private final ChunkLedger ledger;
  private final IndexDeferral indexes;
  private final CopyBoundaries boundaries;
  private final TableRebuilder rebuilder;
  private final StartCapture start;

  private FullLoad(TaskContext context, int shardIndex, int shardCount,
      Map<String, Database> sources, Database target, TableRebuilder rebuilder,
      StartCapture start) {
    this.context = context;
    this.shardIndex = shardIndex;
    this.shardCount = shardCount;
    this.sources = sources;
    this.target = target;
    this.ledger = new ChunkLedger(context.stateKey());
    this.indexes = new IndexDeferral(context.stateKey());
    this.boundaries = new CopyBoundaries(context.stateKey());
    this.rebuilder = rebuilder;
    this.start = start;
  }

  /**
   * Runs the load, or this shard's part of it: shard {@code shardIndex} of {@code shardCount}
   * copies the chunks whose plan ordinal modulo {@code shardCount} is {@code shardIndex}.
   *
   * @param rebuilder makes a target table again when its source table changed after the schema
   *     phase (a DDL during the load, or while the worker was down)
   * @param start reads the position a source's load starts at, where its CDC begins
   * @throws InterruptedException when the calling thread was interrupted; the ledger stays
   *     consistent and the next run resumes
   * @throws FerryException when the load fails, with its failure class
   */
  public static FullLoadResult run(TaskContext context, int shardIndex, int shardCount,
      TableRebuilder rebuilder, StartCapture start) throws InterruptedException {
    if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
      throw new IllegalArgumentException("shard " + shardIndex + " of " + shardCount);
    }
    MigrationTaskSpec spec = context.spec();
    int threads = spec.getFullLoad().getThreads();
    Map<String, Database> sources = new LinkedHashMap<>();
    // target: one connection per copy thread, two for an index build, one for progress;
    // source: one per copy thread, one to stop a read early, one to lock a keyless table while
    // its snapshot starts
    try (Database target = Database.open(context.target(), threads + 3,
        LoadDataWriter.driverProperties())) {
      for (SourceSpec source : spec.getSources()) {
        sources.put(source.getName(), Database.open(context.source(source), threads + 2));
      }
      return new FullLoad(context, shardIndex, shardCount, sources, target, rebuilder, start)
          .load(spec);
    } catch (SQLException e) {
      throw Interruptions.failed("full load", e);
    } finally {
      sources.values().forEach(Database::close);
    }
  }

  private FullLoadResult load(MigrationTaskSpec spec)
      throws SQLException, InterruptedException {
    Progress.started(context.sink());
    boolean invalidDates = false;
    for (Map.Entry<String, Database> source : sources.entrySet()) {
      try (Connection connection = source.getValue().connection()) {
        StartCheckpoints.recordStart(context.sink(), source.getKey(), connection, spec.getMode(),
            start);
        invalidDates |= SessionSettings.allowsInvalidDates(connection);
      }
    }
    // only mode All replays from the start position; a resumed load checks it before copying
    StartWatch startWatch = spec.getMode() == Mode.All
        ? new StartWatch(sources, context.sink()) : null;
    if (startWatch != null && startWatch.check()) {
      throw startWatch.purged();
    }
    SessionSettings settings;
    boolean loadData;
    boolean defer;
    try (Connection connection = target.connection()) {
      settings = SessionSettings.of(connection, invalidDates, spec.getTarget().isWriteBinlog());
      loadData = LoadDataWriter.supported(connection);
      defer = ServerInfo.detect(connection).flavor() != Flavor.TIDB;
      ChunkLedger.ensure(connection);
      IndexDeferral.ensure(connection);
      CopyBoundaries.ensure(connection);
    }
    long[] totals = new long[2];
    int copied = 0;
    for (int round = 1; ; round++) {
      Map<String, TableShape> shapes;
      try {
        shapes = sync(settings, defer);
      } catch (TableChangedException e) {
        LOG.info("{}: the load plans again", e.getMessage());
        continue;
      }
      List<String> keyless = shapes.values().stream().filter(s -> !s.keyed())
          .map(s -> s.mapping().source().toString()).toList();
      if (round == 1 && !keyless.isEmpty()) {
        LOG.warn("{} tables have no primary key and no NOT NULL unique key: each is copied as"
            + " one stream, which cannot be split or resumed part way: {}{}", keyless.size(),
            String.join(", ", keyless.subList(0, Math.min(LISTED_TABLES, keyless.size()))),
            keyless.size() > LISTED_TABLES
                ? " and " + (keyless.size() - LISTED_TABLES) + " more" : "");
      }
      Progress progress = new Progress(context.sink(), context.metrics());
      shapes.forEach((table, shape) -> progress.table(table, shape.rowsEstimated()));
      progress.singleStream(keyless);
      List<Chunk> mine = planned(shapes).stream()
          .filter(c -> !c.done() && c.ordinal() % shardCount == shardIndex).toList();
      restartKeylessStreams(mine, shapes);
      refresh(progress);
      try {
        long[] done = copy(mine, shapes, settings, progress, loadData, startWatch);
        totals[0] += done[0];
        totals[1] += done[1];
        copied += mine.size();
        buildIndexes(shapes, settings);
      } catch (TableChangedException e) {
        LOG.info("{}: the load plans it again and goes on", e.getMessage());
        continue;
      }
      boolean complete = planned(shapes).stream().allMatch(Chunk::done);
      if (complete) {
        for (Map.Entry<String, Database> source : sources.entrySet()) {
          try (Connection connection = source.getValue().connection()) {
            StartCheckpoints.recordEnd(context.sink(), source.getKey(), connection,
                spec.getMode());
          }
        }
      }
      refresh(progress);
      progress.report(complete);
      LOG.info("full load shard {}/{}: {} chunks, {} rows, {} bytes; whole load complete: {}",
          shardIndex, shardCount, copied, totals[0], totals[1], complete);
      return new FullLoadResult(copied, totals[0], totals[1], complete, keyless);
    }
  }

  /**
   * Brings the plan and the target tables in line with the source tables ({@link TableSync}),
   * under the target lock; returns the shapes of the migrated tables.
   */
  private Map<String, TableShape> sync(SessionSettings settings, boolean defer)
      throws SQLException, InterruptedException {
    try (Connection connection = target.connection()) {
      settings.applyToTarget(connection);
      try (PlanLock lock = PlanLock.acquire(connection, context.stateKey())) {
        return new TableSync(context.spec(), ledger, indexes, boundaries, rebuilder,
            context.spec().getMode() == Mode.All)
            .sync(connection, sources, context.spec().getFullLoad().getChunkRows(), defer);
      }
    }
  }

  /**
   * Builds the deferred indexes of every target table whose chunks are all done (over every
   * shard and source), under the target lock so that one shard builds each: the records and the
   * plan are read once for all tables.
   */
  private void buildIndexes(Map<String, TableShape> shapes, SessionSettings settings)
      throws SQLException, InterruptedException {
    try (Connection connection = target.connection()) {
      settings.applyToTarget(connection);
      try (PlanLock lock = PlanLock.acquire(connection, context.stateKey())) {
        Map<TableRef, Boolean> loaded = new HashMap<>();
        for (Chunk chunk : planned(shapes)) {
          loaded.merge(targetOf(shapes, chunk), chunk.done(), Boolean::logicalAnd);
        }
        IndexBuilds builds = new IndexBuilds(LOG);
        for (Map.Entry<TableRef, Map<String, String>> table
            : indexes.pending(connection).entrySet()) {
          if (!loaded.getOrDefault(table.getKey(), true)) {
            continue;
          }
          if (Thread.interrupted()) {
            throw new InterruptedException("full load stopped before building indexes");
          }
          long started = System.nanoTime();
          builds.built(indexes.build(connection, table.getKey(), table.getValue()),
              System.nanoTime() - started);
        }
        builds.summary();
      }
    }
  }

  /**
   * Builds the deferred indexes of target table {@code table}, which {@code from} are copied to,
   * once every shard is done with their chunks, under the target lock.
   */
  private void buildIndexes(TableRef table, List<TableShape> from, SessionSettings settings,
      IndexBuilds builds) throws SQLException, InterruptedException {
    try (Connection connection = target.connection()) {
      settings.applyToTarget(connection);
      try (PlanLock lock = PlanLock.acquire(connection, context.stateKey())) {
        for (TableShape shape : from) {
          if (!ledger.done(connection, shape.source(), shape.mapping().source())) {
            return;
          }
        }
        if (Thread.interrupted()) {
          throw new InterruptedException("full load stopped before building indexes");
        }
        long started = System.nanoTime();
        builds.built(indexes.build(connection, table), System.nanoTime() - started);
      }
    }
  }

  /** The ledger's chunks of the tables still included. */
  private List<Chunk> planned(Map<String, TableShape> shapes) throws SQLException {
    try (Connection connection = target.connection()) {
      return ledger.chunks(connection).stream()
          .filter(c -> shapes.containsKey(c.tableKey())).toList();
    }
  }

  /** Gives {@code progress} what the ledger holds now, over every shard. */
  private void refresh(Progress progress) throws SQLException {
    try (Connection connection = target.connection()) {
      progress.ledger(ledger.totals(connection));
    }
  }

  private void restartKeylessStreams(List<Chunk> mine, Map<String, TableShape> shapes)
      throws SQLException {
    for (Chunk chunk : mine) {
      if (Chunk.COPYING.equals(chunk.state())) {
        TableShape shape = shapes.get(chunk.tableKey());
        try (Connection connection = target.connection()) {
          KeylessRestart.prepare(connection, context.stateKey(), chunk.table(),
              shape.mapping().target());
          ledger.record(connection, chunk, Chunk.PENDING, 0, 0);
        }
      }
    }
  }

  /**
   * Copies {@code chunks} in parallel; returns committed rows and bytes. When this shard has
   * copied its last chunk of a target table, that table's deferred indexes are built on another
   * thread while the copy of the other tables goes on (when the other shards are done with it
   * too; otherwise the last shard builds them at its end). The progress thread also runs
   * {@code startWatch} (when not null), which stops the copy when a start position is purged.
   */
  private long[] copy(List<Chunk> chunks, Map<String, TableShape> shapes,
      SessionSettings settings, Progress progress, boolean loadData, StartWatch startWatch)
      throws SQLException, InterruptedException {
    Map<TableRef, TargetColumns> targetColumns;
    Set<TableRef> deferred;
    try (Connection connection = target.connection()) {
      targetColumns = TargetColumns.readAll(connection,
          shapes.values().stream().map(s -> s.mapping().target()).distinct().toList());
      deferred = indexes.pending(connection).keySet();
    }
    Throttle throttle = new Throttle(() -> context.spec().getFullLoad().getThrottle());
    int threads = context.spec().getFullLoad().getThreads();
    ExecutorService workers = Executors.newFixedThreadPool(threads,
        Interruptions.daemon("ferry-fullload"));
    ExecutorService readers = Executors.newFixedThreadPool(threads,
        Interruptions.daemon("ferry-fullload-read"));
    ExecutorService builder = Executors.newSingleThreadExecutor(
        Interruptions.daemon("ferry-fullload-index"));
    ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
        Interruptions.daemon("ferry-fullload-progress"));
    reporter.scheduleAtFixedRate(() -> report(progress), 1, 1, TimeUnit.SECONDS);
    List<Future<long[]>> futures = new CopyOnWriteArrayList<>();
    if (startWatch != null) {
      long every = StartWatch.every.toMillis();
      reporter.scheduleWithFixedDelay(() -> {
        if (startWatch.check()) {
          futures.forEach(future -> future.cancel(true));
        }
      }, every, every, TimeUnit.MILLISECONDS);
    }
    Map<String, ChunkCopier> copiers = new LinkedHashMap<>();
    sources.forEach((name, db) -> copiers.put(name,
        new ChunkCopier(db, target, settings, ledger, throttle, loadData, readers,
            context.spec().getMode() == Mode.Full ? null : boundaries, targetColumns)));
    Map<TableRef, Integer> left = new ConcurrentHashMap<>();
    chunks.forEach(chunk -> left.merge(targetOf(shapes, chunk), 1, Integer::sum));
    Map<TableRef, List<TableShape>> byTarget = new HashMap<>();
    shapes.values().forEach(shape -> byTarget.computeIfAbsent(shape.mapping().target(),
        t -> new ArrayList<>()).add(shape));
    IndexBuilds built = new IndexBuilds(LOG);
    List<Future<?>> builds = new CopyOnWriteArrayList<>();
    ChunkCopier.Committed committed = (copiedChunk, copied) -> {
      Chunk chunk = copiedChunk.chunk();
      TableRef table = copiedChunk.shape().mapping().target();
      context.metrics().copied(chunk.table().schema(), copied[0], copied[1]);
      if (left.merge(table, -1, Integer::sum) == 0 && deferred.contains(table)) {
        builds.add(builder.submit(() -> {
          buildIndexes(table, byTarget.get(table), settings, built);
          return null;
        }));
      }
    };
    try {
      Map<String, Queue<ChunkCopier.ShapedChunk>> whole = new LinkedHashMap<>();
      for (Chunk chunk : chunks) {
        ChunkCopier.ShapedChunk shaped = new ChunkCopier.ShapedChunk(
            shapes.get(chunk.tableKey()), chunk);
        if (shaped.shape().keyed() && chunk.range().lower() == null
            && chunk.range().upper() == null) {
          whole.computeIfAbsent(chunk.source(), s -> new ConcurrentLinkedQueue<>()).add(shaped);
          continue;
        }
        futures.add(workers.submit(() -> {
          long[] copied = copiers.get(chunk.source()).copy(shaped.shape(), chunk);
          committed.chunk(shaped, copied);
          return copied;
        }));
      }
      // tables of one chunk, many per transaction: the copy of 10,000 small tables is not
      // 10,000 transactions
      long groupRows = context.spec().getFullLoad().getChunkRows();
      for (Map.Entry<String, Queue<ChunkCopier.ShapedChunk>> source : whole.entrySet()) {
        int tasks = Math.min(threads, (source.getValue().size() + ChunkCopier.GROUP_TABLES - 1)
            / ChunkCopier.GROUP_TABLES);
        for (int i = 0; i < tasks; i++) {
          futures.add(workers.submit(() -> copiers.get(source.getKey())
              .copyWhole(source.getValue(), groupRows, committed)));
        }
      }
      long[] totals = new long[2];
      for (Future<long[]> future : futures) {
        long[] copied = future.get();
        totals[0] += copied[0];
        totals[1] += copied[1];
      }
      for (Future<?> build : builds) {
        build.get();
      }
      built.summary();
      if (startWatch != null && startWatch.purged() != null) {
        throw startWatch.purged();
      }
      return totals;
    } catch (ExecutionException | CancellationException e) {
      if (startWatch != null && startWatch.purged() != null) {
        throw startWatch.purged();
      }
      throw Interruptions.rethrow(e.getCause());
    } finally {
      workers.shutdownNow();
      reporter.shutdownNow();
      Interruptions.awaitStopped(workers);
      readers.shutdownNow();
      builder.shutdownNow();
      Interruptions.awaitStopped(readers);
      Interruptions.awaitStopped(builder);
      Interruptions.awaitStopped(reporter);
    }
  }

  private static TableRef targetOf(Map<String, TableShape> shapes, Chunk chunk) {
    return shapes.get(chunk.tableKey()).mapping().target();
  }

  private void report(Progress progress) {
    try {
      refresh(progress);
      progress.report(false);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("could not report full-load progress: {}", e.getMessage());
    }
  }
}
