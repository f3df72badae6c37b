package dev.ferry.worker.fullload;

import com.mysql.cj.jdbc.JdbcConnection;
import dev.ferry.worker.catalog.TableDefinitions;
import dev.ferry.worker.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads one chunk from the source on a thread of its own and hands the rows over in batches, so
 * that the source is read and the rows are encoded while the previous batch is being written:
 * the target's session never waits for the source, nor the source for the target, beyond the
 * {@value #IN_FLIGHT} batches a chunk may hold (one filling, one waiting, one being written).
 *
 * <p>The read streams (Connector/J, one row in memory at a time). Closing the reader before the
 * end interrupts the reading thread and stops the query on the server (so that closing the
 * result does not read the rest of the chunk first); {@link #close} returns once that thread has
 * finished with the connection.
 *
 * <p>The read runs in the caller's transaction, which holds the table's metadata lock from the
 * query to the commit, so no DDL can change the table in between: once the rows are read, the
 * table's column signature is compared with the one the chunk's shape was read with. A read of
 * a table whose columns changed (or that a DDL dropped, renamed or rebuilt under the query)
 * fails with {@link TableChangedException}, and the load plans the table again.
 */
final class ChunkReader implements AutoCloseable {

  private static final int BATCH_ROWS = 5000;
  private static final long BATCH_BYTES = 4L << 20;
  private static final int IN_FLIGHT = 3;
  private static final Object END = new Object();

  private final BlockingQueue<RowBatch> free = new ArrayBlockingQueue<>(IN_FLIGHT);
  private final BlockingQueue<Object> full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicBoolean killed = new AtomicBoolean();
  private final Database sources;
  private final long connectionId;
  private final PreparedStatement read;
  private final TableShape shape;
  private final boolean checkColumns;
  private Thread runner;
  private boolean stopped;

  /**
   * Starts reading {@code chunk} of {@code shape} through {@code source} on one of {@code
   * threads}; {@code sources} (the same server) gives the connection that stops the read early.
   *
   * @param checkColumns whether the read compares the table's column signature itself; when
   *     false, the caller compares it in the same source transaction before it commits the rows
   *     (for many tables in one query: {@link TableDefinitions#columnSignaturesOf})
   */
  ChunkReader(ExecutorService threads, Database sources, Connection source, TableShape shape,
      Chunk chunk, TargetWriter writer, boolean checkColumns) throws SQLException {
    this.sources = sources;
    this.checkColumns = checkColumns;
    this.connectionId = source.unwrap(JdbcConnection.class).getId();
    this.shape = shape;
    this.read = source.prepareStatement(RowStatements.select(shape, chunk.range()),
        ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    try {
      read.setFetchSize(Integer.MIN_VALUE);
      chunk.range().bind(read, 1, shape.keyBinary());
      for (int i = 0; i < IN_FLIGHT; i++) {
        free.add(writer.newBatch());
      }
      threads.execute(this::read);
    } catch (SQLException | RuntimeException e) {
      read.close();
      throw e;
    }
  }

  /**
   * The next batch of rows in key order, or null after the last; give it back with {@link
   * #recycle} once written.
   *
   * @throws SQLException when reading the source failed
   */
  RowBatch next() throws SQLException, InterruptedException {
    Object item = full.take();
    if (item == END) {
      full.add(END);
      return null;
    }
    if (item instanceof Failure failure) {
      full.add(failure);
      throw failure.rethrown();
    }
    return (RowBatch) item;
  }

  /** Returns a written batch, emptied, to be filled again. */
  void recycle(RowBatch batch) {
    batch.clear();
    free.add(batch);
  }

  /** Stops the read if it is still going, and waits until the reading thread is done. */
  @Override
  public void close() throws SQLException {
    try {
      synchronized (this) {
        stopped = true;
        if (runner != null) {
          runner.interrupt();
        }
      }
      if (finished.getCount() > 0) {
        stopQuery();
      }
      boolean interrupted = false;
      while (true) {
        try {
          finished.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    } finally {
      read.close();
    }
  }

  private void read() {
    synchronized (this) {
      if (stopped) {
        finished.countDown();
        return;
      }
      runner = Thread.currentThread();
    }
    try {
      ResultSet rs = read.executeQuery();
      try {
        fill(rs);
      } catch (SQLException | InterruptedException | RuntimeException | Error e) {
        stopQuery();
        try {
          rs.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
        throw e;
      }
      rs.close();
    } catch (SQLException e) {
      full.add(new Failure(TableChangedException.causedBy(e)
          ? new TableChangedException(shape.mapping().source(), "changed under the read of a"
              + " chunk (" + e.getMessage() + ")", e) : e));
    } catch (InterruptedException | RuntimeException | Error e) {
      full.add(new Failure(e));
    } finally {
      synchronized (this) {
        runner = null;
        Thread.interrupted();
      }
      finished.countDown();
    }
  }

  private void fill(ResultSet rs) throws SQLException, InterruptedException {
    RowBatch batch = free.take();
    while (rs.next()) {
      batch.add(rs);
      if (batch.rows() >= BATCH_ROWS || batch.bytes() >= BATCH_BYTES) {
        full.add(batch);
        batch = free.take();
      }
    }
    if (checkColumns && !TableDefinitions.columnSignature(read.getConnection(),
        shape.mapping().source()).equals(shape.signature())) {
      throw new TableChangedException(shape.mapping().source(), "changed its columns before"
          + " a chunk was read", null);
    }
    if (batch.rows() > 0) {
      full.add(batch);
    }
    full.add(END);
  }

  /**
   * Ends the streaming query on the server ({@code KILL QUERY} of the reading connection, from
   * another one), so that closing its result does not read the rest of the chunk first. (The
   * driver's {@code Statement.cancel} does nothing once a streaming query has returned its
   * result.) A user may always kill its own queries; the servers ignore a KILL QUERY that arrives
   * after the query ended. Sent once per reader.
   */
  private void stopQuery() {
    if (!killed.compareAndSet(false, true)) {
      return;
    }
    try (Connection other = sources.connection();
        Statement statement = other.createStatement()) {
      statement.execute("KILL QUERY " + connectionId);
    } catch (SQLException ignored) {
      // the read is abandoned either way: closing it then reads the rest, or the connection fails
    }
  }

  /** Why the read ended early, passed to the writing thread. */
  private record Failure(Throwable cause) {

    SQLException rethrown() throws InterruptedException {
      if (cause instanceof SQLException e) {
        return e;
      }
      if (cause instanceof InterruptedException) {
        throw new InterruptedException("full load stopped");
      }
      if (cause instanceof RuntimeException e) {
        throw e;
      }
      throw (Error) cause;
    }
  }
}
