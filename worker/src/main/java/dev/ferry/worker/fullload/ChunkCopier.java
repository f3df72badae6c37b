package dev.ferry.worker.fullload;

import dev.ferry.worker.db.Database;
import dev.ferry.worker.throttle.Throttle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies one chunk: streams its rows from the source (Connector/J streaming, one row in memory at
 * a time) and writes them to the target in batches. A keyed chunk is one target transaction that
 * also marks the chunk done in the ledger, so it is never half applied. A keyless table's single
 * stream commits batch by batch (its ledger row says "copying" meanwhile; see
 * {@link KeylessRestart}).
 */
final class ChunkCopier {

  private static final int BATCH_ROWS = 5000;
  private static final long BATCH_BYTES = 4L << 20;

  private final Database source;
  private final Database target;
  private final SessionSettings settings;
  private final ChunkLedger ledger;
  private final Throttle throttle;
  private final boolean loadData;

  /**
   * @param loadData whether to write with LOAD DATA LOCAL (faster) rather than batched INSERTs
   */
  ChunkCopier(Database source, Database target, SessionSettings settings, ChunkLedger ledger,
      Throttle throttle, boolean loadData) {
    this.source = source;
    this.target = target;
    this.settings = settings;
    this.ledger = ledger;
    this.throttle = throttle;
    this.loadData = loadData;
  }

  /** Copies {@code chunk} of {@code shape}; returns the rows and bytes it committed. */
  long[] copy(TableShape shape, Chunk chunk) throws SQLException, InterruptedException {
    boolean stream = !shape.keyed();
    try (Connection from = source.connection(); Connection to = target.connection()) {
      SessionSettings.applyToSource(from);
      settings.applyToTarget(to);
      if (stream) {
        ledger.record(to, chunk, Chunk.COPYING, 0, 0);
      }
      to.setAutoCommit(false);
      try (PreparedStatement read = from.prepareStatement(RowStatements.select(shape,
              chunk.range()), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
          TargetWriter writer = loadData ? new LoadDataWriter(to, shape)
              : new InsertWriter(to, shape)) {
        read.setFetchSize(Integer.MIN_VALUE);
        chunk.range().bind(read, 1, shape.key());
        long rows = 0;
        long bytes = 0;
        long batchRows = 0;
        long batchBytes = 0;
        try (ResultSet rs = read.executeQuery()) {
          while (rs.next()) {
            batchBytes += writer.add(rs);
            batchRows++;
            if (batchRows >= BATCH_ROWS || batchBytes >= BATCH_BYTES) {
              flush(writer, read, batchRows, batchBytes);
              rows += batchRows;
              bytes += batchBytes;
              if (stream) {
                ledger.record(to, chunk, Chunk.COPYING, rows, bytes);
                to.commit();
              }
              batchRows = 0;
              batchBytes = 0;
            }
          }
        }
        flush(writer, read, batchRows, batchBytes);
        rows += batchRows;
        bytes += batchBytes;
        ledger.record(to, chunk, Chunk.DONE, rows, bytes);
        to.commit();
        return new long[] {rows, bytes};
      } catch (SQLException | InterruptedException | RuntimeException e) {
        to.rollback();
        throw e;
      } finally {
        to.setAutoCommit(true);
      }
    }
  }

  private void flush(TargetWriter writer, Statement read, long rows, long bytes)
      throws SQLException, InterruptedException {
    if (rows == 0) {
      return;
    }
    try {
      throttle.acquire(rows, bytes);
    } catch (InterruptedException e) {
      cancel(read);
      throw e;
    }
    if (Thread.currentThread().isInterrupted()) {
      cancel(read);
      throw new InterruptedException("full load stopped");
    }
    writer.flush();
  }

  /** Stops the streaming read on the server so closing it does not read the rest first. */
  private static void cancel(Statement read) {
    try {
      read.cancel();
    } catch (SQLException ignored) {
      // the read is abandoned either way; closing the connection ends it
    }
  }
}
