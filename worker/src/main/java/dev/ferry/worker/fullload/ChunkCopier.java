package dev.ferry.worker.fullload;

import dev.ferry.api.position.Position;
import dev.ferry.worker.catalog.TableDefinitions;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.meta.CopyBoundaries;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.throttle.Throttle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;

/**
 * Copies one chunk: a {@link ChunkReader} streams its rows from the source on a reading thread
 * while this thread writes the batches it hands over. A keyed chunk is one target transaction that
 * also marks the chunk done in the ledger, so it is never half applied. A keyless table's single
 * stream commits batch by batch (its ledger row says "copying" meanwhile; see {@link
 * KeylessRestart}); it is read in one {@link KeylessSnapshot}, whose boundary commits with the
 * stream's "done" row ({@link CopyBoundaries}) when the load feeds CDC. Small tables of one chunk
 * are copied many per transaction ({@link #copyWhole}). Every read runs in a
 * source transaction (the snapshot's, or one of its own), so that the table cannot change
 * between the rows and the check of its columns ({@link ChunkReader}).
 */
final class ChunkCopier {

  /** Tables copied in one transaction at most ({@link #copyWhole}). */
  static final int GROUP_TABLES = 100;

  private final Database source;
  private final Database target;
  private final SessionSettings settings;
  private final ChunkLedger ledger;
  private final Throttle throttle;
  private final boolean loadData;
  private final ExecutorService readers;
  private final CopyBoundaries boundaries;
  private final Map<TableRef, TargetColumns> targetColumns;

  /**
   * @param loadData whether to write with LOAD DATA LOCAL (faster) rather than batched INSERTs
   * @param readers the threads that read the source, one per chunk being copied
   * @param boundaries where the snapshot position of a keyless table becomes its copy boundary,
   *     or null when no CDC follows the load (mode Full: a plain read)
   * @param targetColumns the columns of every target table of the round, read in bulk
   */
  ChunkCopier(Database source, Database target, SessionSettings settings, ChunkLedger ledger,
      Throttle throttle, boolean loadData, ExecutorService readers,
      CopyBoundaries boundaries, Map<TableRef, TargetColumns> targetColumns) {
    this.source = source;
    this.target = target;
    this.settings = settings;
    this.ledger = ledger;
    this.throttle = throttle;
    this.loadData = loadData;
    this.readers = readers;
    this.boundaries = boundaries;
    this.targetColumns = targetColumns;
  }

  /** Copies {@code chunk} of {@code shape}; returns the rows and bytes it committed. */
  long[] copy(TableShape shape, Chunk chunk) throws SQLException, InterruptedException {
    boolean stream = !shape.keyed();
    boolean snapshot = stream && boundaries != null;
    try (Connection from = source.connection(); Connection to = target.connection()) {
      SessionSettings.applyToSource(from);
      settings.applyToTarget(to);
      if (stream) {
        ledger.record(to, chunk, Chunk.COPYING, 0, 0);
      }
      to.setAutoCommit(false);
      if (!snapshot) {
        from.setAutoCommit(false);
      }
      try (KeylessSnapshot keyless = snapshot
              ? KeylessSnapshot.start(source, from, chunk.table()) : null;
          TargetWriter writer = writer(to, shape);
          ChunkReader reader = new ChunkReader(readers, source, from, shape, chunk,
              writer, true)) {
        long[] copied = send(reader, writer, (rows, bytes) -> {
          if (stream) {
            ledger.record(to, chunk, Chunk.COPYING, rows, bytes);
            to.commit();
          }
        });
        long rows = copied[0];
        long bytes = copied[1];
        Position boundary = keyless == null ? null : keyless.boundary();
        if (boundary != null) {
          boundaries.moveBoundary(to, chunk.source(), chunk.table(), boundary);
        }
        ledger.record(to, chunk, Chunk.DONE, rows, bytes);
        to.commit();
        return new long[] {rows, bytes};
      } catch (SQLException | InterruptedException | RuntimeException e) {
        to.rollback();
        throw e;
      } finally {
        to.setAutoCommit(true);
        if (!snapshot) {
          from.rollback();
          from.setAutoCommit(true);
        }
      }
    }
  }

  /**
   * Copies whole tables of one keyed chunk each, taken from {@code tables} until it is empty,
   * many per transaction: the rows of a group of them and their "done" rows commit in one
   * target transaction, read in one source transaction that holds their metadata locks until
   * their column signatures are compared, in one query for the group; a group ends when it
   * holds {@code groupRows} rows or {@value #GROUP_TABLES} tables. A table that changed fails
   * the group, which rolls back whole ({@link TableChangedException}). Calls {@code committed}
   * with the chunks and their rows and bytes once each group has committed; returns the rows
   * and bytes committed.
   */
  long[] copyWhole(Queue<ShapedChunk> tables, long groupRows, Committed committed)
      throws SQLException, InterruptedException {
    long[] totals = new long[2];
    try (Connection from = source.connection(); Connection to = target.connection()) {
      SessionSettings.applyToSource(from);
      settings.applyToTarget(to);
      from.setAutoCommit(false);
      to.setAutoCommit(false);
      try {
        for (ShapedChunk first = tables.poll(); first != null; first = tables.poll()) {
          Map<ShapedChunk, long[]> group = new LinkedHashMap<>();
          long rows = 0;
          for (ShapedChunk next = first; next != null; next = rows < groupRows
              && group.size() < GROUP_TABLES ? tables.poll() : null) {
            long[] copied = copyInto(from, to, next.shape(), next.chunk());
            group.put(next, copied);
            rows += copied[0];
          }
          ledger.recordDone(to, group.keySet().stream().map(ShapedChunk::chunk).toList(),
              List.copyOf(group.values()));
          checkColumns(from, group.keySet());
          to.commit();
          from.rollback();
          for (Map.Entry<ShapedChunk, long[]> copied : group.entrySet()) {
            totals[0] += copied.getValue()[0];
            totals[1] += copied.getValue()[1];
            committed.chunk(copied.getKey(), copied.getValue());
          }
        }
        return totals;
      } catch (SQLException | InterruptedException | RuntimeException e) {
        to.rollback();
        throw e;
      } finally {
        from.rollback();
        from.setAutoCommit(true);
        to.setAutoCommit(true);
      }
    }
  }

  /** Reads and writes one keyed chunk in the callers' transactions. */
  private long[] copyInto(Connection from, Connection to, TableShape shape, Chunk chunk)
      throws SQLException, InterruptedException {
    try (TargetWriter writer = writer(to, shape);
        ChunkReader reader = new ChunkReader(readers, source, from, shape, chunk, writer,
            false)) {
      return send(reader, writer, (rows, bytes) -> { });
    }
  }

  /** The writer of {@code shape}'s rows on {@code to}: LOAD DATA where allowed, else INSERTs. */
  private TargetWriter writer(Connection to, TableShape shape) throws SQLException {
    return loadData ? new LoadDataWriter(to, shape, types(shape))
        : new InsertWriter(to, shape, types(shape), settings.sqlMode());
  }

  /**
   * Sends every batch {@code reader} reads to {@code writer} within the throttle, telling {@code
   * sent} the rows and bytes sent so far after each; returns the rows and bytes in all.
   */
  private long[] send(ChunkReader reader, TargetWriter writer, Sent sent)
      throws SQLException, InterruptedException {
    long rows = 0;
    long bytes = 0;
    for (RowBatch batch = reader.next(); batch != null; batch = reader.next()) {
      throttle.acquire(batch.rows(), batch.bytes());
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("full load stopped");
      }
      writer.send(batch);
      rows += batch.rows();
      bytes += batch.bytes();
      reader.recycle(batch);
      sent.after(rows, bytes);
    }
    return new long[] {rows, bytes};
  }

  /** Told the rows and bytes sent so far after each batch. */
  @FunctionalInterface
  private interface Sent {

    void after(long rows, long bytes) throws SQLException;
  }

  /**
   * Fails when a table of {@code group} no longer has the columns its shape was read with; runs
   * in the source transaction that read the rows, which holds the tables' metadata locks.
   */
  private static void checkColumns(Connection from, Collection<ShapedChunk> group)
      throws SQLException {
    Map<TableRef, String> now = TableDefinitions.columnSignaturesOf(from,
        group.stream().map(t -> t.shape().mapping().source()).toList());
    for (ShapedChunk table : group) {
      TableRef name = table.shape().mapping().source();
      if (!table.shape().signature().equals(now.getOrDefault(name, ""))) {
        throw new TableChangedException(name, "changed its columns before its rows were read",
            null);
      }
    }
  }

  /** A chunk with its table's shape. */
  record ShapedChunk(TableShape shape, Chunk chunk) {}

  /** Told of each chunk once it has committed. */
  interface Committed {

    void chunk(ShapedChunk table, long[] rowsAndBytes) throws SQLException;
  }

  private TargetColumns types(TableShape shape) {
    TargetColumns types = targetColumns.get(shape.mapping().target());
    if (types == null) {
      throw new IllegalStateException("no target columns read for " + shape.mapping().target());
    }
    return types;
  }
}
