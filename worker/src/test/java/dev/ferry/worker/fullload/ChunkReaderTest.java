package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.catalog.KeyRange;
import dev.ferry.worker.catalog.KeyTuple;
import dev.ferry.worker.catalog.SourceCatalog;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reading side of a chunk copy: batches in key order, a stop before the end that ends the
 * query on the server (rather than reading the rest) and frees the reading thread, and a failed
 * read that reaches the writing thread.
 */
class ChunkReaderTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.mariaDb();

  /** Rows of 250 bytes: far more than socket buffers hold, so a stop shows in rows read. */
  private static final int ROWS = 300_000;

  private DatabasePair pair;
  private Database sources;
  private final ExecutorService threads = Executors.newSingleThreadExecutor();

  @BeforeEach
  void reset() throws Exception {
    pair = dbs.pair();
    pair.reset();
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "rdr");
    sources = Database.open(LoadFixture.context("ns/reader", new InMemoryStatusSink(spec, null),
        pair.source(), pair.target()).source(spec.getSources().get(0)), 3);
    pair.source().execute("CREATE DATABASE rdr",
        "CREATE TABLE rdr.t (id INT PRIMARY KEY, v VARCHAR(20), pad VARCHAR(250))",
        "INSERT INTO rdr.t SELECT seq, CONCAT('v', seq), REPEAT('x', 240)"
            + " FROM rdr.seq_1_to_" + ROWS);
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
    sources.close();
  }

  @Test
  void handsTheChunkOverInBatchesInKeyOrder() throws Exception {
    TableShape shape = shape();
    KeyRange range = new KeyRange(new KeyTuple(List.of("101")), new KeyTuple(List.of("12101")));
    List<Integer> sizes = new ArrayList<>();
    int expected = 101;
    try (Connection source = sources.connection();
        ChunkReader reader = new ChunkReader(threads, sources, source, shape, chunk(range),
            writer(shape), true)) {
      for (RowBatch batch = reader.next(); batch != null; batch = reader.next()) {
        sizes.add(batch.rows());
        for (String line : text(batch)) {
          assertThat(line).isEqualTo(expected + "\tv" + expected + "\t" + "x".repeat(240));
          expected++;
        }
        reader.recycle(batch);
      }
      assertThat(reader.next()).as("after the end").isNull();
    }
    assertThat(sizes).containsExactly(5000, 5000, 2000);
    assertThat(expected).isEqualTo(12_101);
  }

  @Test
  void closingBeforeTheEndStopsTheQueryInsteadOfReadingTheRest() throws Exception {
    TableShape shape = shape();
    long before = rowsRead();
    try (Connection source = sources.connection()) {
      try (ChunkReader reader = new ChunkReader(threads, sources, source, shape,
          chunk(KeyRange.ALL), writer(shape), true)) {
        assertThat(reader.next().rows()).isEqualTo(5000);
      }
      assertThat(threads.submit(() -> "free").get(5, TimeUnit.SECONDS))
          .as("the reading thread is done").isEqualTo("free");
      assertThat(rowsRead() - before).as("rows the server read for the stopped chunk")
          .isLessThan(ROWS / 2);
      try (Statement statement = source.createStatement();
          ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM rdr.t")) {
        rs.next();
        assertThat(rs.getLong(1)).as("the connection still works").isEqualTo(ROWS);
      }
    }
  }

  @Test
  void aFailedReadReachesTheWritingThread() throws Exception {
    TableShape shape = shape();
    try (Connection source = sources.connection()) {
      long id = connectionId(source);
      try (ChunkReader reader = new ChunkReader(threads, sources, source, shape,
          chunk(KeyRange.ALL), writer(shape), true)) {
        reader.recycle(reader.next());
        pair.source().execute("KILL CONNECTION " + id);
        assertThatThrownBy(() -> {
          for (RowBatch batch = reader.next(); batch != null; batch = reader.next()) {
            reader.recycle(batch);
          }
        }).isInstanceOf(SQLException.class);
        assertThatThrownBy(reader::next).as("the failure stays").isInstanceOf(SQLException.class);
      }
    }
  }

  private TableShape shape() throws Exception {
    try (Connection source = pair.source().connect()) {
      return TableShape.read(source, "src", SourceCatalog.tables(source,
          LoadFixture.spec(pair.source(), pair.target(), "rdr"))).get(0);
    }
  }

  private static Chunk chunk(KeyRange range) {
    return new Chunk("src", new TableRef("rdr", "t"), 0, 0, range, Chunk.PENDING, 0, 0);
  }

  /** A writer that only makes batches: the reader's side needs nothing else. */
  private static TargetWriter writer(TableShape shape) {
    return new TargetWriter() {
      @Override
      public RowBatch newBatch() {
        return new LoadDataBatch(shape.writable(), new boolean[shape.writable().size()]);
      }

      @Override
      public void send(RowBatch batch) {
        throw new AssertionError("not sent in these tests");
      }

      @Override
      public void close() {}
    };
  }

  private static String[] text(RowBatch batch) {
    LoadDataBatch rows = (LoadDataBatch) batch;
    return new String(rows.buffer(), 0, rows.size(), StandardCharsets.UTF_8).split("\n");
  }

  /** Rows the source server has read so far (all sessions; nothing else reads meanwhile). */
  private long rowsRead() throws SQLException {
    long rows = 0;
    for (List<Object> row : pair.source().query("SHOW GLOBAL STATUS LIKE 'Handler_read%'")) {
      rows += Long.parseLong(String.valueOf(row.get(1)));
    }
    return rows;
  }

  private static long connectionId(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT CONNECTION_ID()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
