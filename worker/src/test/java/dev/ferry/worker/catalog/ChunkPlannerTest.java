package dev.ferry.worker.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Planned ranges cover every row exactly once, in chunks of the asked size. */
class ChunkPlannerTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final ChunkPlanner.Table COMPOSITE = new ChunkPlanner.Table("plan.rows_",
      "`plan`.`rows_`", List.of("`g`", "`n`"), List.of(false, false), "");
  private static final ChunkPlanner.Table BYTES = new ChunkPlanner.Table("plan.bytes_",
      "`plan`.`bytes_`", List.of("`b`"), List.of(true), "");

  private static void create(DatabaseServer server) throws SQLException {
    server.execute("DROP DATABASE IF EXISTS plan", "CREATE DATABASE plan",
        "CREATE TABLE plan.rows_ (g VARCHAR(8) NOT NULL, n INT NOT NULL, odd TINYINT NOT NULL,"
            + " PRIMARY KEY (g, n))",
        "CREATE TABLE plan.bytes_ (b VARBINARY(4) NOT NULL PRIMARY KEY)");
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add("('" + (i % 3 == 0 ? "east" : i % 3 == 1 ? "Ost" : "west") + "', " + i + ", "
          + (i % 2) + ")");
    }
    server.execute("INSERT INTO plan.rows_ VALUES " + String.join(", ", rows));
    List<String> bytes = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      bytes.add(String.format("(0x%02x00)", i));
    }
    server.execute("INSERT INTO plan.bytes_ VALUES " + String.join(", ", bytes));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void chunksOfEqualSizeCoverEveryRowOnce(Flavor flavor) throws Exception {
    DatabaseServer server = dbs.pair(flavor, flavor).source();
    create(server);
    try (Connection connection = server.connect()) {
      List<KeyRange> ranges = ChunkPlanner.plan(connection, COMPOSITE, 100, 100);
      assertThat(sizes(connection, COMPOSITE, ranges)).isEqualTo(Collections.nCopies(10, 100L));
      assertBoundsChain(ranges);

      List<KeyRange> shorterFirst = ChunkPlanner.plan(connection, COMPOSITE, 99, 100);
      List<Long> sizes = sizes(connection, COMPOSITE, shorterFirst);
      assertThat(sizes).hasSize(11);
      assertThat(sizes.get(0)).isEqualTo(99L);
      assertThat(sizes.subList(1, 10)).containsOnly(100L);
      assertThat(sizes.get(10)).as("the last row after the last boundary").isEqualTo(1L);

      List<KeyRange> bytes = ChunkPlanner.plan(connection, BYTES, 50, 50);
      assertThat(sizes(connection, BYTES, bytes)).containsExactly(50L, 50L, 50L, 50L, 50L, 6L);
      assertThat(bytes.get(1).lower().values()).containsExactly("3200");
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aFilterCountsOnlyTheRowsItKeeps(Flavor flavor) throws Exception {
    DatabaseServer server = dbs.pair(flavor, flavor).source();
    create(server);
    ChunkPlanner.Table odd = new ChunkPlanner.Table("plan.rows_", "`plan`.`rows_`",
        COMPOSITE.key(), COMPOSITE.binary(), " AND (odd = 1)");
    try (Connection connection = server.connect()) {
      List<KeyRange> ranges = ChunkPlanner.plan(connection, odd, 200, 200);
      assertThat(sizes(connection, odd, ranges)).containsExactly(200L, 200L, 100L);
      assertThat(ChunkPlanner.plan(connection, new ChunkPlanner.Table("plan.rows_",
          "`plan`.`rows_`", List.of(), List.of(), ""), 10, 10))
          .as("no key: one range").containsExactly(KeyRange.ALL);
    }
  }

  private static void assertBoundsChain(List<KeyRange> ranges) {
    assertThat(ranges.get(0).lower()).isNull();
    assertThat(ranges.get(ranges.size() - 1).upper()).isNull();
    for (int i = 1; i < ranges.size(); i++) {
      assertThat(ranges.get(i).lower()).isEqualTo(ranges.get(i - 1).upper());
    }
  }

  /** The rows in each range (through the range's own SQL), checking no row is counted twice. */
  private static List<Long> sizes(Connection connection, ChunkPlanner.Table table,
      List<KeyRange> ranges) throws SQLException {
    List<Long> sizes = new ArrayList<>();
    for (KeyRange range : ranges) {
      try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM "
          + table.table() + " WHERE " + range.condition(table.key()) + table.filter())) {
        range.bind(statement, 1, table.binary());
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          sizes.add(rs.getLong(1));
        }
      }
    }
    try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM "
        + table.table() + " WHERE 1 = 1" + table.filter());
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      assertThat(sizes.stream().mapToLong(Long::longValue).sum()).as("every row once")
          .isEqualTo(rs.getLong(1));
    }
    return sizes;
  }
}
