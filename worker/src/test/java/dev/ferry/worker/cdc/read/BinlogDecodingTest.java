package dev.ferry.worker.cdc.read;

import static dev.ferry.worker.cdc.read.ReaderFixture.endpoint;
import static dev.ferry.worker.cdc.read.ReaderFixture.now;
import static dev.ferry.worker.cdc.read.ReaderFixture.reader;
import static dev.ferry.worker.cdc.read.ReaderFixture.take;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.position.Position;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.SourceColumn;
import dev.ferry.worker.cdc.change.SourceTransaction;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CDC type torture test: rows written on a real source, read back from its binlog, and every
 * decoded value compared with what SELECT returns for the same row.
 */
class BinlogDecodingTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  /** How a column's decoded value is compared with the server's. */
  private enum Compare {
    /** CAST(col AS CHAR) equals the value's text. */
    TEXT,
    /** col+0 (ENUM index, SET bitmask) equals the value. */
    NUMBER,
    /** The driver's string equals the value. */
    STRING,
    /** The driver's bytes equal the value. */
    BYTES,
    FLOAT,
    DOUBLE,
    /** JSON: the server finds the decoded text equal to the stored document. */
    JSON
  }

  private record Column(String name, String type, Compare compare) {}

  private static final List<Column> COLUMNS = List.of(
      new Column("id", "INT NOT NULL PRIMARY KEY", Compare.TEXT),
      new Column("y", "YEAR", Compare.TEXT),
      new Column("ti", "TINYINT", Compare.TEXT),
      new Column("tiu", "TINYINT UNSIGNED", Compare.TEXT),
      new Column("si", "SMALLINT", Compare.TEXT),
      new Column("siu", "SMALLINT UNSIGNED", Compare.TEXT),
      new Column("mi", "MEDIUMINT", Compare.TEXT),
      new Column("miu", "MEDIUMINT UNSIGNED", Compare.TEXT),
      new Column("i", "INT", Compare.TEXT),
      new Column("iu", "INT UNSIGNED", Compare.TEXT),
      new Column("bi", "BIGINT", Compare.TEXT),
      new Column("biu", "BIGINT UNSIGNED", Compare.TEXT),
      new Column("d", "DECIMAL(65,30)", Compare.TEXT),
      new Column("dn", "DECIMAL(10,2) UNSIGNED", Compare.TEXT),
      new Column("f", "FLOAT", Compare.FLOAT),
      new Column("db", "DOUBLE", Compare.DOUBLE),
      new Column("bt", "BIT(13)", Compare.BYTES),
      new Column("dt", "DATE", Compare.TEXT),
      new Column("dtm", "DATETIME(6)", Compare.TEXT),
      new Column("dtm0", "DATETIME", Compare.TEXT),
      new Column("ts", "TIMESTAMP(3) NULL", Compare.TEXT),
      new Column("tm", "TIME(4)", Compare.TEXT),
      new Column("tm1", "TIME(1)", Compare.TEXT),
      new Column("tm0", "TIME", Compare.TEXT),
      new Column("e", "ENUM('a','b','c')", Compare.NUMBER),
      new Column("st", "SET('x','y','z')", Compare.NUMBER),
      new Column("ch", "CHAR(5) CHARACTER SET latin1", Compare.STRING),
      new Column("vc", "VARCHAR(50) CHARACTER SET utf8mb4", Compare.STRING),
      new Column("vg", "VARCHAR(20) CHARACTER SET gbk", Compare.STRING),
      new Column("bn", "BINARY(4)", Compare.BYTES),
      new Column("vb", "VARBINARY(10)", Compare.BYTES),
      new Column("tx", "TEXT CHARACTER SET latin1", Compare.STRING),
      new Column("bl", "BLOB", Compare.BYTES),
      new Column("mtx", "MEDIUMTEXT CHARACTER SET utf8mb4", Compare.STRING),
      new Column("j", "JSON", Compare.JSON),
      new Column("g", "GEOMETRY", Compare.BYTES),
      new Column("gen", "BIGINT AS (i * 2) VIRTUAL", Compare.TEXT));

  private static final String[] ROWS = {
      "INSERT INTO dec_t.types (id, y, ti, tiu, si, siu, mi, miu, i, iu, bi, biu, d, dn, f, db,"
          + " bt, dt, dtm, dtm0, ts, tm, tm1, tm0, e, st, ch, vc, vg, bn, vb, tx, bl, mtx, j, g)"
          + " VALUES (1, 2024, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648,"
          + " 4294967295, -9223372036854775808, 18446744073709551615,"
          + " '-12345678901234567890123456789012345.123456789012345678901234567890', 12345678.90,"
          + " 3.14159, 0.1, b'1010101010101', '2024-02-29', '2024-02-29 13:14:15.123456',"
          + " '9999-12-31 23:59:59', '2038-01-19 03:14:07.999', '-838:59:59.0000', '-00:00:00.5',"
          + " '838:59:59', 'c', 'x,z', 'café', 'héllo 😀 wörld', '中文字符', x'00FF0A00',"
          + " x'DEADBEEF', 'Grüße aus Köln', x'000102FEFF', REPEAT('ü€', 300),"
          + " '{\"a\": [1, 2.5, \"x\"], \"b\": {\"c\": null, \"d\": true}}',"
          + " ST_GeomFromText('POINT(1.5 -2.25)'))",
      "INSERT INTO dec_t.types (id, y, ti, tiu, si, siu, mi, miu, i, iu, bi, biu, d, dn, f, db,"
          + " bt, dt, dtm, dtm0, ts, tm, tm1, tm0, e, st, ch, vc, vg, bn, vb, tx, bl, mtx, j, g)"
          + " VALUES (2, 0, 127, 0, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807,"
          + " 9223372036854775808, '0.000000000000000000000000000001', 0.01, -1.5e-30,"
          + " -1.7976931348623157e308, b'0', '0000-00-00', '0000-00-00 00:00:00',"
          + " '1000-01-01 00:00:00', '0000-00-00 00:00:00', '00:00:00.0001', '12:00:00.9',"
          + " '-00:00:01', '', '', '', '', '', x'', x'', '', x'', '', '[]', NULL)",
      "INSERT INTO dec_t.types (id) VALUES (3)"};

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void everyTypeArrivesExactly(Flavor flavor) throws Exception {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    StringBuilder create = new StringBuilder("CREATE TABLE dec_t.types (");
    for (int i = 0; i < COLUMNS.size(); i++) {
      create.append(i == 0 ? "" : ", ").append(COLUMNS.get(i).name()).append(' ')
          .append(COLUMNS.get(i).type());
    }
    source.execute("DROP DATABASE IF EXISTS dec_t", "CREATE DATABASE dec_t",
        create.append(')').toString());
    Position start = now(source);
    try (Connection connection = source.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION sql_mode = ''");
      statement.execute("SET SESSION time_zone = '+00:00'");
      for (String row : ROWS) {
        statement.execute(row);
      }
      statement.execute("UPDATE dec_t.types SET vc = 'changed', tm0 = '-01:02:03' WHERE id = 1");
      statement.execute("DELETE FROM dec_t.types WHERE id = 2");
    }
    List<SourceTransaction> transactions;
    try (ChangeStream stream = reader(endpoint(source), start, false, t -> true)) {
      transactions = take(stream, ROWS.length + 2);
    }
    List<RowChange> inserts = new ArrayList<>();
    for (int i = 0; i < ROWS.length; i++) {
      inserts.add(transactions.get(i).rows().get(0));
    }
    RowChange update = transactions.get(ROWS.length).rows().get(0);
    RowChange delete = transactions.get(ROWS.length + 1).rows().get(0);
    assertThat(inserts.get(0).schema().columns()).extracting(SourceColumn::name)
        .containsExactlyElementsOf(COLUMNS.stream().map(Column::name).toList());
    assertThat(inserts.get(0).schema().columns().get(COLUMNS.size() - 1).generated()).isTrue();
    assertThat(inserts.get(0).schema().keyColumns()).containsExactly(0);

    try (Connection connection = source.connect()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET SESSION time_zone = '+00:00'");
      }
      compare(connection, flavor, inserts.get(0).after(), 1, "row 1 as inserted",
          List.of("vc", "tm0"));
      compare(connection, flavor, update.after(), 1, "row 1 after the update", List.of());
      compare(connection, flavor, inserts.get(2).after(), 3, "row 3 (NULLs)", List.of());
      assertThat(update.before()[27]).isEqualTo("héllo 😀 wörld");
      assertThat(update.before()[23]).isEqualTo("838:59:59");
      assertThat(delete.before()).containsExactly(inserts.get(1).after());
      restoreAndCompareRow2(connection, flavor, inserts.get(1).after());
    }
  }

  /** Row 2 was deleted: write it again with the same statement and compare. */
  private static void restoreAndCompareRow2(Connection connection, Flavor flavor,
      Object[] decoded) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION sql_mode = ''");
      statement.execute(ROWS[1]);
    }
    compare(connection, flavor, decoded, 2, "row 2 (extremes and zero values)", List.of());
  }

  private static void compare(Connection connection, Flavor flavor, Object[] decoded, int id,
      String what, List<String> skipped) throws SQLException {
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < COLUMNS.size(); i++) {
      Column column = COLUMNS.get(i);
      select.append(i == 0 ? "" : ", ").append(switch (column.compare()) {
        case TEXT -> "CAST(" + column.name() + " AS CHAR)";
        case NUMBER -> column.name() + " + 0";
        default -> column.name();
      });
    }
    try (PreparedStatement statement = connection.prepareStatement(
        select + " FROM dec_t.types WHERE id = ?")) {
      statement.setInt(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        assertThat(rs.next()).isTrue();
        for (int i = 0; i < COLUMNS.size(); i++) {
          Column column = COLUMNS.get(i);
          if (skipped.contains(column.name())) {
            continue;
          }
          Object value = decoded[i];
          String label = what + ", column " + column.name() + " " + column.type();
          if (rs.getObject(i + 1) == null) {
            assertThat(value).as(label).isNull();
            continue;
          }
          switch (column.compare()) {
            case TEXT -> assertThat(value instanceof BigDecimal decimal ? decimal.toPlainString()
                : String.valueOf(value)).as(label).isEqualTo(rs.getString(i + 1));
            case NUMBER -> assertThat(value).as(label).isEqualTo(rs.getLong(i + 1));
            case STRING -> assertThat(value).as(label).isEqualTo(rs.getString(i + 1));
            case BYTES -> assertThat((byte[]) value).as(label).isEqualTo(rs.getBytes(i + 1));
            case FLOAT -> assertThat(Float.floatToIntBits((Float) value)).as(label)
                .isEqualTo(Float.floatToIntBits(rs.getFloat(i + 1)));
            case DOUBLE -> assertThat(Double.doubleToLongBits((Double) value)).as(label)
                .isEqualTo(Double.doubleToLongBits(rs.getDouble(i + 1)));
            case JSON -> assertThat(sameJson(connection, flavor, (String) value, id)).as(label
                + ": " + value).isTrue();
            default -> throw new IllegalStateException();
          }
        }
      }
    }
  }

  private static boolean sameJson(Connection connection, Flavor flavor, String decoded, int id)
      throws SQLException {
    String sql = flavor != Flavor.MARIADB
        ? "SELECT j = CAST(? AS JSON) FROM dec_t.types WHERE id = ?"
        : "SELECT j = ? FROM dec_t.types WHERE id = ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, decoded);
      statement.setInt(2, id);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
