package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.catalog.KeyRange;
import dev.ferry.worker.catalog.SourceCatalog;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import dev.ferry.worker.throttle.Throttle;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Small tables of one chunk are copied many per transaction ({@link ChunkCopier#copyWhole}),
 * their columns compared in one query per group: a table whose columns changed since its shape
 * was read, or whose plan was replaced meanwhile, fails its group, which commits nothing (no
 * rows, no "done" row), so the load plans the table again and copies the group's tables in the
 * next round.
 */
class WholeTablesCopyTest {

  private static final String TASK = "ns/whole";
  private static final int TABLES = 5;

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(value = Flavor.class, names = {"MARIADB", "MYSQL"})
  void copiesGroupsOfWholeTablesAndRollsBackAGroupWhoseTableChanged(Flavor flavor)
      throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    List<String> statements = new ArrayList<>(List.of("CREATE DATABASE grp"));
    for (int i = 1; i <= TABLES; i++) {
      statements.add("CREATE TABLE grp.t" + i + " (id INT PRIMARY KEY, v VARCHAR(10))");
      statements.add("INSERT INTO grp.t" + i + " VALUES (1, 'a'), (2, 'b'), (3, NULL)");
    }
    pair.source().execute(statements.toArray(String[]::new));
    pair.target().execute("CREATE DATABASE grp");
    for (int i = 1; i <= TABLES; i++) {
      pair.target().execute("CREATE TABLE grp.t" + i + " (id INT PRIMARY KEY, v VARCHAR(10))");
    }
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "grp");
    TaskContext context = LoadFixture.context(TASK, new InMemoryStatusSink(spec, null),
        pair.source(), pair.target());
    ExecutorService readers = Executors.newCachedThreadPool();
    try (Database source = Database.open(context.source(spec.getSources().get(0)), 3);
        Database target = Database.open(context.target(), 2,
            LoadDataWriter.driverProperties())) {
      List<TableShape> shapes;
      try (Connection connection = source.connection()) {
        shapes = TableShape.read(connection, "src", SourceCatalog.tables(connection, spec));
      }
      ChunkLedger ledger = new ChunkLedger(TASK);
      ChunkCopier copier;
      List<ChunkCopier.ShapedChunk> planned = new ArrayList<>();
      try (Connection connection = target.connection()) {
        ChunkLedger.ensure(connection);
        for (int i = 0; i < shapes.size(); i++) {
          TableShape shape = shapes.get(i);
          ledger.storePlan(connection, "src", shape.mapping().source(), List.of(KeyRange.ALL),
              i);
          planned.add(new ChunkCopier.ShapedChunk(shape, new Chunk("src",
              shape.mapping().source(), 0, i, KeyRange.ALL, Chunk.PENDING, 0, 0)));
        }
        copier = new ChunkCopier(source, target, SessionSettings.of(connection, false, false),
            ledger, new Throttle(() -> spec.getFullLoad().getThrottle()),
            LoadDataWriter.supported(connection), readers, null,
            TargetColumns.readAll(connection, shapes.stream().map(s -> s.mapping().target())
                .toList()));
      }
      pair.source().execute("ALTER TABLE grp.t4 ADD COLUMN w INT DEFAULT 4");
      List<String> committed = new ArrayList<>();

      assertThatThrownBy(() -> copier.copyWhole(new ConcurrentLinkedQueue<>(planned), 1000,
          (chunk, copied) -> committed.add(chunk.chunk().table().toString())))
          .isInstanceOf(TableChangedException.class).hasMessageContaining("grp.t4");
      assertThat(committed).as("the group failed whole").isEmpty();
      assertThat(pair.target().query("SELECT COUNT(*) FROM grp.t1")).containsExactly(List.of(0L));
      try (Connection connection = target.connection()) {
        assertThat(ledger.chunks(connection)).noneMatch(Chunk::done);
      }

      Queue<ChunkCopier.ShapedChunk> unchanged = new ConcurrentLinkedQueue<>(planned);
      unchanged.removeIf(c -> c.chunk().table().table().equals("t4"));
      long[] copied = copier.copyWhole(unchanged, 7, (chunk, rows) ->
          committed.add(chunk.chunk().table() + ":" + rows[0]));

      assertThat(copied[0]).isEqualTo(3L * (TABLES - 1));
      assertThat(committed).containsExactly("grp.t1:3", "grp.t2:3", "grp.t3:3", "grp.t5:3");
      for (String table : List.of("t1", "t2", "t3", "t5")) {
        assertThat(pair.target().query("SELECT id, v FROM grp." + table + " ORDER BY id"))
            .isEqualTo(pair.source().query("SELECT id, v FROM grp." + table + " ORDER BY id"));
      }
      try (Connection connection = target.connection()) {
        assertThat(ledger.chunks(connection)).filteredOn(Chunk::done)
            .extracting(c -> c.table().table()).containsExactly("t1", "t2", "t3", "t5");
        // t4 planned again meanwhile (its plan replaced): its group commits nothing
        ledger.forget(connection, "src", new TableRef("grp", "t4"));
      }
      ChunkCopier.ShapedChunk t4 = planned.get(3);
      assertThatThrownBy(() -> copier.copyWhole(new ConcurrentLinkedQueue<>(List.of(t4)), 1000,
          (chunk, rows) -> committed.add(chunk.chunk().table().toString())))
          .isInstanceOf(TableChangedException.class).hasMessageContaining("planned again");
      assertThat(committed).hasSize(TABLES - 1);
      assertThat(pair.target().query("SELECT COUNT(*) FROM grp.t4")).containsExactly(List.of(0L));
    } finally {
      readers.shutdownNow();
    }
  }
}
