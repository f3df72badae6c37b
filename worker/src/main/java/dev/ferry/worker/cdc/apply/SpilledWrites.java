package dev.ferry.worker.cdc.apply;

import dev.ferry.api.v1alpha1.RowConflictPolicy;
import dev.ferry.worker.cdc.apply.ConflictResolution.Resolved;
import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.metrics.Operation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the rows of a spilled (large) source transaction on one target connection, chunk by
 * chunk as they are read back from its file. A second thread reads the file and prepares the
 * chunks up to {@value #READ_AHEAD_CHUNKS} ahead of the one written ({@link ReadAhead}), so
 * the heap holds a few chunks at a time and reading overlaps with writing. Each chunk loses
 * what the full-load copies hold ({@link CopyCutoff}), is mapped to the target and checked (on
 * that thread; the mapper's other users wait at the barrier meanwhile), and is written as a lane
 * writes a batch: together, and on a conflict again write by write under a savepoint, each
 * conflict resolved by its table's policy ({@link ConflictResolution}; the first
 * {@value #KEPT_CONFLICTS} resolved are kept to be logged, the rest only counted); a chunk
 * that changes child rows through foreign keys is written by {@link CascadeWriter}. The caller
 * runs it at a barrier, in the target transaction that also moves every checkpoint past the
 * transaction: the transaction commits whole with its checkpoint or not at all.
 */
final class SpilledWrites {

  /** Most resolved conflicts kept one by one (to be logged); past them only counts are kept. */
  static final int KEPT_CONFLICTS = 1000;
  /** Chunks read back and prepared ahead of the one being written. */
  static final int READ_AHEAD_CHUNKS = 2;

  private final ChangeMapper mapper;
  private final CopyCutoff copied;
  private final ConflictResolution resolution;
  private final ApplySession session;
  private final long chunkBytes;

  SpilledWrites(ChangeMapper mapper, CopyCutoff copied, ConflictResolution resolution,
      ApplySession session, long chunkBytes) {
    this.mapper = mapper;
    this.copied = copied;
    this.resolution = resolution;
    this.session = session;
    this.chunkBytes = chunkBytes;
  }

  /** Conflicts of one table resolved by one policy. */
  record ConflictGroup(TargetTable table, RowConflictPolicy policy) {}

  /**
   * What the writes did, to be counted once committed.
   *
   * @param operations how many row changes inserted, updated and deleted rows
   * @param resolved the first {@link #KEPT_CONFLICTS} conflicts that a policy resolved
   * @param moreResolved how many more a policy resolved, by table and policy
   */
  record Outcome(Map<Operation, Integer> operations, List<Resolved> resolved,
      Map<ConflictGroup, Long> moreResolved) {}

  /**
   * Writes the rows of {@code transaction} (spilled) on {@code connection}; the caller commits.
   *
   * @param safe write idempotently
   * @param check sees each chunk's target changes before they are written (it may refuse them)
   */
  Outcome write(Connection connection, SourceTransaction transaction, boolean safe,
      AppliedPosition end, Consumer<List<TargetChange>> check) throws SQLException {
    Map<Operation, Integer> operations = new EnumMap<>(Operation.class);
    List<Resolved> resolved = new ArrayList<>();
    Map<ConflictGroup, Long> moreResolved = new HashMap<>();
    try (BatchWriter writer = new BatchWriter(session);
        ReadAhead<Chunk> chunks = new ReadAhead<>("ferry-spill-read", READ_AHEAD_CHUNKS,
            sink -> transaction.spilled().forEachChunk(chunkBytes, rows -> {
              Chunk chunk = prepare(transaction, safe, check, rows);
              if (chunk != null) {
                sink.put(chunk);
              }
            }))) {
      for (Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
        if (chunk.cascades()) {
          new CascadeWriter(writer).write(connection, chunk.changes(), chunk.keys(), safe);
        } else {
          for (Resolved conflict : writeChunk(connection, writer, chunk.unit().writes(), end)) {
            if (resolved.size() < KEPT_CONFLICTS) {
              resolved.add(conflict);
            } else {
              moreResolved.merge(new ConflictGroup(conflict.conflict().write().table(),
                  conflict.policy()), 1L, Long::sum);
            }
          }
        }
        chunk.unit().operations()
            .forEach((operation, count) -> operations.merge(operation, count, Integer::sum));
      }
    }
    return new Outcome(operations, resolved, moreResolved);
  }

  /**
   * One chunk of rows ready to write: without what the copies hold, mapped to the target and
   * checked; null when nothing of it is left.
   */
  private Chunk prepare(SourceTransaction transaction, boolean safe,
      Consumer<List<TargetChange>> check, List<RowChange> rows) throws SQLException {
    List<TargetChange> changes = mapper.map(copied.rows(rows, transaction.end()));
    if (changes.isEmpty()) {
      return null;
    }
    check.accept(changes);
    List<List<String>> keys = changes.stream().map(CausalityKeys::of).toList();
    return new Chunk(changes, keys, UnitWrites.of(changes, keys, safe),
        changes.stream().anyMatch(TargetChange::cascades));
  }

  /** A chunk's target changes, their causality keys and writes, and whether it cascades. */
  private record Chunk(List<TargetChange> changes, List<List<String>> keys, UnitWrites unit,
      boolean cascades) {}

  /** Writes one chunk together; on a conflict, again write by write from a savepoint. */
  private List<Resolved> writeChunk(Connection connection, BatchWriter writer,
      List<RowWrite> writes, AppliedPosition end) throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      writer.write(connection, writes, true);
      connection.releaseSavepoint(savepoint);
      return List.of();
    } catch (Divergence divergence) {
      connection.rollback(savepoint);
    } catch (WriteFailure failure) {
      if (!ConflictResolution.isDuplicate(failure.sqlCause())) {
        throw failure.sqlCause();
      }
      connection.rollback(savepoint);
    }
    try {
      return resolution.writeAlone(connection, writer, writes, end);
    } catch (WriteFailure failure) {
      throw failure.sqlCause();
    } catch (Divergence divergence) {
      throw new IllegalStateException("a write that counts no rows reported a count",
          divergence);
    }
  }
}
