package dev.ferry.worker.fullload;

import dev.ferry.api.position.Position;
import dev.ferry.api.position.StatusPositions;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.worker.binlog.BinlogPositions;
import dev.ferry.worker.catalog.KeyRange;
import dev.ferry.worker.catalog.SourceCatalog;
import dev.ferry.worker.catalog.TableDefinitions;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.meta.CopyBoundaries;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.task.Interruptions;
import dev.ferry.worker.task.TaskContext;
import dev.ferry.worker.throttle.Throttle;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one source table to the target while the CDC runs, for a table the stream brings into
 * the migrated set (a RENAME TABLE of a table that is not migrated to a name that is): the target
 * table is made again from the definition the table has at the copy's boundary, and every row is
 * read in one consistent snapshot, so the copy holds exactly the table's changes up to the
 * boundary and the CDC applies those after it, never idempotently (as for a table without a key
 * in the full load, whatever keys this table has).
 *
 * <p>The boundary: another connection holds {@code LOCK TABLES t READ} (it waits for every open
 * write of the table to commit and admits no new one, nor any DDL) while the definition and the
 * columns are read, the reading connection starts its snapshot and the binlog position is read;
 * then it unlocks. The table is locked for milliseconds, not for the read. A DDL on the table
 * during the read makes the read fail; the copy then starts again.
 */
public final class SnapshotCopy {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotCopy.class);
  private static final int ATTEMPTS = 5;
  private static final int NO_LOCK_PRIVILEGE = 1044;
  private static final int NO_TABLE_PRIVILEGE = 1142;

  private final TaskContext context;
  private final String sourceName;
  private final TableRebuilder rebuilder;

  private SnapshotCopy(TaskContext context, String sourceName, TableRebuilder rebuilder) {
    this.context = context;
    this.sourceName = sourceName;
    this.rebuilder = rebuilder;
  }

  /**
   * Copies {@code table} of source {@code sourceName}, records its boundary in {@code
   * ferry_meta.copy_boundaries} (committed with the last rows) and returns it.
   *
   * @param rebuilder makes the target table from the source definition (the schema phase's)
   * @throws InterruptedException when the calling thread was interrupted (a later run copies the
   *     table again: the statement that brought it in is replayed)
   */
  public static Position copy(TaskContext context, String sourceName, TableMapping table,
      TableRebuilder rebuilder) throws SQLException, InterruptedException {
    return new SnapshotCopy(context, sourceName, rebuilder).copy(table);
  }

  private Position copy(TableMapping table) throws SQLException, InterruptedException {
    SourceSpec spec = context.spec().getSources().stream()
        .filter(s -> s.getName().equals(sourceName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no source " + sourceName));
    ExecutorService readers = Executors.newSingleThreadExecutor(
        Interruptions.daemon("ferry-snapshot-copy-read"));
    // source: the reading connection, the lock, one to stop a read early
    try (Database source = Database.open(context.source(spec), 3);
        Database target = Database.open(context.target(), 1, LoadDataWriter.driverProperties())) {
      for (int attempt = 1; ; attempt++) {
        try {
          return copyOnce(source, target, readers, table);
        } catch (TableChangedException e) {
          if (attempt == ATTEMPTS) {
            throw new FerryException(FailureClass.Other, "the copy of " + table.source()
                + ", which the stream brought into the migrated set, failed " + ATTEMPTS
                + " times because the table changed during the read: " + e.getMessage());
          }
          LOG.info("{}: copying it again", e.getMessage());
        }
      }
    } finally {
      readers.shutdownNow();
      Interruptions.awaitStopped(readers);
    }
  }

  private Position copyOnce(Database source, Database target, ExecutorService readers,
      TableMapping table) throws SQLException, InterruptedException {
    try (Connection from = source.connection(); Connection to = target.connection()) {
      SessionSettings.applyToSource(from);
      SessionSettings settings = SessionSettings.of(to,
          SessionSettings.allowsInvalidDates(from), context.spec().getTarget().isWriteBinlog());
      settings.applyToTarget(to);
      CopyBoundaries.ensure(to);
      Snapshot snapshot = start(source, from, table);
      try {
        List<TableMapping> sourceTables = SourceCatalog.tables(from, context.spec());
        rebuilder.rebuild(sourceTables, table, snapshot.showCreate());
        long rows = write(source, from, to, readers, snapshot, settings);
        LOG.info("copied {} ({} rows) into {} from the snapshot at {}: its changes after that"
            + " are replicated", table.source(), rows, table.target(), snapshot.boundary());
        return snapshot.boundary();
      } finally {
        execute(from, "ROLLBACK");
      }
    }
  }

  /** Copies the snapshot's rows and records its boundary with the last of them; the rows. */
  private long write(Database source, Connection from, Connection to,
      ExecutorService readers, Snapshot snapshot, SessionSettings settings)
      throws SQLException, InterruptedException {
    TableShape shape = snapshot.shape();
    Chunk whole = new Chunk(sourceName, shape.mapping().source(), 0, 0, KeyRange.ALL,
        Chunk.PENDING, 0, 0);
    Throttle throttle = new Throttle(() -> context.spec().getFullLoad().getThrottle());
    long rows = 0;
    to.setAutoCommit(false);
    TargetColumns types = TargetColumns.read(to, shape.mapping().target());
    try (TargetWriter writer = LoadDataWriter.supported(to) ? new LoadDataWriter(to, shape, types)
            : new InsertWriter(to, shape, types, settings.sqlMode());
        ChunkReader reader = new ChunkReader(readers, source, from, shape, whole, writer,
            true)) {
      for (RowBatch batch = reader.next(); batch != null; batch = reader.next()) {
        throttle.acquire(batch.rows(), batch.bytes());
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("copy of " + shape.mapping().source() + " stopped");
        }
        writer.send(batch);
        rows += batch.rows();
        context.metrics().copied(shape.mapping().source().schema(), batch.rows(),
            batch.bytes());
        reader.recycle(batch);
        to.commit();
      }
      new CopyBoundaries(context.stateKey()).recordBoundary(to, sourceName,
          shape.mapping().source(), snapshot.boundary(),
          TableDefinitions.fingerprint(snapshot.showCreate()));
      to.commit();
      return rows;
    } catch (SQLException | InterruptedException | RuntimeException e) {
      to.rollback();
      throw e;
    } finally {
      to.setAutoCommit(true);
    }
  }

  /**
   * Starts the snapshot of {@code table} on {@code reading} with the table locked on another
   * connection, reading its definition, columns and the binlog position meanwhile.
   */
  private Snapshot start(Database source, Connection reading, TableMapping table)
      throws SQLException {
    TableRef ref = table.source();
    try (Connection lock = source.connection()) {
      try {
        execute(lock, "LOCK TABLES " + ref.sql() + " READ");
      } catch (SQLException e) {
        if (e.getErrorCode() == NO_LOCK_PRIVILEGE || e.getErrorCode() == NO_TABLE_PRIVILEGE) {
          throw new FerryException(FailureClass.Fatal, "the stream brought " + ref + " into"
              + " the migrated set; copying it exactly needs a short LOCK TABLES " + ref
              + " READ, which the source user may not do: GRANT LOCK TABLES ON the schema to"
              + " it (" + e.getMessage() + ")");
        }
        throw e;
      }
      try {
        String showCreate = showCreate(lock, ref);
        TableShape read = TableShape.read(reading, sourceName, List.of(table)).get(0);
        // one stream, whatever the keys: the snapshot is what makes the copy exact
        TableShape shape = new TableShape(read.source(), read.mapping(), read.columns(),
            List.of(), read.rowsEstimated(), read.signature());
        execute(reading, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        execute(reading, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
        Position boundary = StatusPositions.of(BinlogPositions.current(lock,
            ServerInfo.detect(lock)).orElseThrow(() -> new FerryException(FailureClass.Fatal,
                "the source reports no binlog position (SHOW MASTER STATUS is empty); grant"
                    + " REPLICATION CLIENT")));
        return new Snapshot(showCreate, shape, boundary);
      } finally {
        execute(lock, "UNLOCK TABLES");
      }
    }
  }

  private static String showCreate(Connection connection, TableRef table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + table.sql())) {
      rs.next();
      return rs.getString(2);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** What was read under the lock: the definition, the columns and the snapshot's position. */
  private record Snapshot(String showCreate, TableShape shape, Position boundary) {}
}
