package dev.ferry.worker.cdc.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.position.Position;
import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.binlog.BinlogStart;
import dev.ferry.worker.cdc.IncrementalPhase;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.fullload.LoadFixture;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import dev.ferry.worker.validation.ReplicatingValidation;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every column type through the whole incremental phase, as prepared statement parameters in
 * multi-row statements: rows inserted, updated (several in one transaction), deleted and
 * inserted again on the source arrive bit for bit, in safe mode (REPLACE) and outside it
 * (INSERT, INSERT ... ON DUPLICATE KEY UPDATE, DELETE).
 */
class ExactValuesApplyTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  /** Column name, type, and how SELECT shows its value exactly. */
  private record Column(String name, String type, String shown) {}

  private static final List<Column> COLUMNS = List.of(
      column("y", "YEAR", "CAST(%s AS CHAR)"),
      column("ti", "TINYINT", "CAST(%s AS CHAR)"),
      column("tiu", "TINYINT UNSIGNED", "CAST(%s AS CHAR)"),
      column("si", "SMALLINT", "CAST(%s AS CHAR)"),
      column("miu", "MEDIUMINT UNSIGNED", "CAST(%s AS CHAR)"),
      column("i", "INT", "CAST(%s AS CHAR)"),
      column("iu", "INT UNSIGNED", "CAST(%s AS CHAR)"),
      column("bi", "BIGINT", "CAST(%s AS CHAR)"),
      column("biu", "BIGINT UNSIGNED", "CAST(%s AS CHAR)"),
      column("d", "DECIMAL(65,30)", "CAST(%s AS CHAR)"),
      column("dn", "DECIMAL(10,2) UNSIGNED", "CAST(%s AS CHAR)"),
      column("f", "FLOAT", "%s"),
      column("db", "DOUBLE", "%s"),
      column("bt", "BIT(13)", "HEX(%s)"),
      column("dt", "DATE", "CAST(%s AS CHAR)"),
      column("dtm", "DATETIME(6)", "CAST(%s AS CHAR)"),
      column("dtm0", "DATETIME", "CAST(%s AS CHAR)"),
      column("ts", "TIMESTAMP(3) NULL", "CAST(%s AS CHAR)"),
      column("tm", "TIME(4)", "CAST(%s AS CHAR)"),
      column("tm0", "TIME", "CAST(%s AS CHAR)"),
      column("e", "ENUM('a','b','c')", "%s + 0"),
      column("st", "SET('x','y','z')", "%s + 0"),
      column("ch", "CHAR(5) CHARACTER SET latin1", "HEX(%s)"),
      column("vc", "VARCHAR(50) CHARACTER SET utf8mb4", "HEX(%s)"),
      column("vg", "VARCHAR(20) CHARACTER SET gbk", "HEX(%s)"),
      column("bn", "BINARY(4)", "HEX(%s)"),
      column("vb", "VARBINARY(10)", "HEX(%s)"),
      column("bl", "BLOB", "HEX(%s)"),
      column("mtx", "MEDIUMTEXT CHARACTER SET utf8mb4", "HEX(%s)"),
      column("j", "JSON", "CAST(%s AS CHAR)"),
      column("g", "GEOMETRY", "HEX(%s)"),
      column("gen", "BIGINT AS (i * 2) VIRTUAL", "CAST(%s AS CHAR)"));

  private static final String INSERTED = COLUMNS.stream().filter(c -> !c.name().equals("gen"))
      .map(Column::name).collect(Collectors.joining(", "));

  private static final String EXTREMES = "2024, -128, 255, -32768, 16777215, -2147483648,"
      + " 4294967295, -9223372036854775808, 18446744073709551615,"
      + " '-12345678901234567890123456789012345.123456789012345678901234567890', 12345678.90,"
      + " 3.14159, 0.1, b'1010101010101', '2024-02-29', '2024-02-29 13:14:15.123456',"
      + " '9999-12-31 23:59:59', '2038-01-19 03:14:07.999', '-838:59:59.0000', '838:59:59', 'c',"
      + " 'x,z', 'café', 'héllo 😀 wörld', '中文字符', x'00FF0A00', x'DEADBEEF', x'000102FEFF',"
      + " REPEAT('ü€', 300), '{\"a\": [1, 2.5, \"x\"], \"b\": {\"c\": null, \"d\": true}}',"
      + " ST_GeomFromText('POINT(1.5 -2.25)')";

  private static final String ZEROS = "0, 127, 0, 32767, 0, 2147483647, 0,"
      + " 9223372036854775807, 9223372036854775808, '0.000000000000000000000000000001', 0.01,"
      + " -1.5e-30, -1.7976931348623157e308, b'0', '0000-00-00', '0000-00-00 00:00:00',"
      + " '1000-01-01 00:00:00', '0000-00-00 00:00:00', '00:00:00.0001', '-00:00:01', 'a', '',"
      + " 'ab  ', '', '', x'', x'', x'', '', '[]', NULL";

  private static Column column(String name, String type, String shown) {
    return new Column(name, type, shown.formatted(name));
  }

  @ParameterizedTest(name = "{0}, safe mode window {1}")
  @CsvSource({"MARIADB, 1h", "MARIADB, 0s", "MYSQL, 1h", "MYSQL, 0s", "MYSQL57, 1h",
      "MYSQL57, 0s"})
  void everyTypeArrivesExactly(Flavor flavor, String safeModeWindow) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    String create = "CREATE TABLE vals.types (id INT NOT NULL PRIMARY KEY, "
        + COLUMNS.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "))
        + ")";
    for (DatabaseServer server : List.of(pair.source(), pair.target())) {
      server.execute("CREATE DATABASE vals", create);
    }
    Position start;
    try (Connection connection = pair.source().connect()) {
      start = BinlogStart.current(connection);
    }
    pair.source().execute("SET SESSION sql_mode = ''", "SET SESSION time_zone = '+00:00'",
        "START TRANSACTION",
        "INSERT INTO vals.types (id, " + INSERTED + ") VALUES (1, " + EXTREMES + ")",
        "INSERT INTO vals.types (id, " + INSERTED + ") VALUES (2, " + ZEROS + ")",
        "INSERT INTO vals.types (id) VALUES (3)",
        "INSERT INTO vals.types (id, " + INSERTED + ") VALUES (4, " + EXTREMES + ")",
        "COMMIT",
        "START TRANSACTION",
        copy(2, 1), copy(3, 2), copy(4, 3), copy(1, 4),
        "COMMIT",
        "START TRANSACTION",
        "DELETE FROM vals.types WHERE id = 4",
        "INSERT INTO vals.types (id, " + INSERTED + ") VALUES (5, " + EXTREMES + ")",
        "INSERT INTO vals.types (id, " + INSERTED + ") VALUES (6, " + ZEROS + ")",
        "COMMIT",
        // outside the list: the non-strict source stores the ENUM error value '' (index 0)
        "INSERT INTO vals.types (id, e, i) VALUES (7, 'nope', 1)",
        "UPDATE vals.types SET e = 'zzz' WHERE id = 6",
        "UPDATE vals.types SET i = 2 WHERE id = 7");

    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "vals");
    spec.setMode(Mode.Incremental);
    BinlogPosition from = new BinlogPosition();
    from.setFile(start.file());
    from.setPosition(start.offset());
    spec.getSources().get(0).setStartPosition(from);
    spec.getIncremental().setApplyThreads(2);
    spec.getIncremental().setSafeModeWindow(safeModeWindow);
    spec.getCutover().setRequested(true);
    TaskContext context = LoadFixture.context("ns/values-" + flavor + safeModeWindow,
        new InMemoryStatusSink(spec, null), pair.source(), pair.target());
    IncrementalPhase.run(context, new ReplicatingValidation(context),
            EnginePhases.tableCopier(context));

    String select = "SELECT id, " + COLUMNS.stream().map(Column::shown)
        .collect(Collectors.joining(", ")) + " FROM vals.types ORDER BY id";
    List<List<Object>> expected = pair.source().query(select);
    assertThat(expected).hasSize(6);
    List<List<Object>> actual = pair.target().query(select);
    for (int row = 0; row < expected.size(); row++) {
      for (int c = 0; c < expected.get(row).size(); c++) {
        assertThat(actual.get(row).get(c))
            .as("row %s, column %s", expected.get(row).get(0),
                c == 0 ? "id" : COLUMNS.get(c - 1).name() + " " + COLUMNS.get(c - 1).type())
            .isEqualTo(expected.get(row).get(c));
      }
    }
    assertThat(actual).hasSize(6);
  }

  /** An UPDATE that gives row {@code to} every value of row {@code from} (as it is now). */
  private static String copy(int from, int to) {
    List<String> set = new ArrayList<>();
    for (String name : INSERTED.split(", ")) {
      set.add("a." + name + " = b." + name);
    }
    return "UPDATE vals.types a JOIN (SELECT * FROM vals.types WHERE id = " + from + ") b"
        + " SET " + String.join(", ", set) + " WHERE a.id = " + to;
  }
}
