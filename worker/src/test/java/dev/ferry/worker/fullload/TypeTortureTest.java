package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every MySQL type arrives bit for bit, whatever the JVM's and the servers' time zones. */
class TypeTortureTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final String TABLE = "CREATE TABLE torture.t ("
      + " id INT PRIMARY KEY,"
      + " ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, mi MEDIUMINT, bi BIGINT,"
      + " biu BIGINT UNSIGNED, de DECIMAL(65,30), de0 DECIMAL(10,0),"
      + " f FLOAT, d DOUBLE,"
      + " b1 BIT(1), b13 BIT(13), b64 BIT(64),"
      + " e ENUM('a','b','c d'), s SET('x','y','z'),"
      + " j JSON, g GEOMETRY, p POINT,"
      + " bl BLOB, bn BINARY(4), vb VARBINARY(20),"
      + " tx TEXT, c CHAR(10), vc VARCHAR(50),"
      + " l1 VARCHAR(20) CHARACTER SET latin1, gb VARCHAR(20) CHARACTER SET gbk,"
      + " sj VARCHAR(20) CHARACTER SET sjis, em VARCHAR(20) CHARACTER SET utf8mb4,"
      + " dt DATE, dtt DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME(6), y YEAR"
      + ") DEFAULT CHARSET=utf8mb4";

  /**
   * The columns of {@link #TABLE} whose text every server keeps as utf8mb4 (no ENUM, SET, JSON or
   * other character sets), in a table of their own: LOAD DATA sends it as raw bytes.
   */
  private static final String UTF8MB4_COLUMNS = "id, ti, tiu, si, mi, bi, biu, de, de0, f, d,"
      + " b1, b13, b64, g, p, bl, bn, vb, tx, c, vc, em, dt, dtt, ts, tm, y";

  private static final String UTF8MB4_TABLE = "CREATE TABLE torture.u ("
      + " id INT PRIMARY KEY,"
      + " ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, mi MEDIUMINT, bi BIGINT,"
      + " biu BIGINT UNSIGNED, de DECIMAL(65,30), de0 DECIMAL(10,0),"
      + " f FLOAT, d DOUBLE,"
      + " b1 BIT(1), b13 BIT(13), b64 BIT(64), g GEOMETRY, p POINT,"
      + " bl BLOB, bn BINARY(4), vb VARBINARY(20),"
      + " tx TEXT, c CHAR(10), vc VARCHAR(50), em VARCHAR(20),"
      + " dt DATE, dtt DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME(6), y YEAR,"
      + " gen VARCHAR(60) AS (CONCAT(vc, '|', em)) VIRTUAL"
      + ") DEFAULT CHARSET=utf8mb4";

  private static final String COLUMNS = "id, ti, tiu, si, mi, bi, biu, de, de0, f, d, b1, b13,"
      + " b64, e, s, j, g, p, bl, bn, vb, tx, c, vc, l1, gb, sj, em, dt, dtt, ts, tm, y";

  /**
   * With {@code local_infile} on, the load writes with LOAD DATA LOCAL; with it off (MySQL 8's
   * default), with batched INSERTs: both ways must be exact.
   */
  @ParameterizedTest(name = "{0}, local_infile {1}")
  @CsvSource({"MARIADB, 1", "MARIADB, 0", "MYSQL, 1", "MYSQL, 0", "MYSQL57, 1", "MYSQL57, 0"})
  void everyTypeArrivesBitForBit(Flavor flavor, int localInfile) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    String localInfileBefore = pair.target().variable("local_infile");
    pair.target().execute("SET GLOBAL local_infile = " + localInfile);
    TimeZone jvmZone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
    try {
      pair.source().execute("SET GLOBAL time_zone = '+05:30'");
      pair.target().execute("SET GLOBAL time_zone = '-03:00'");
      for (DatabaseServer server : List.of(pair.source(), pair.target())) {
        server.execute("CREATE DATABASE torture", TABLE, UTF8MB4_TABLE);
      }
      insertRows(pair.source());

      InMemoryStatusSink sink = new InMemoryStatusSink(
          LoadFixture.spec(pair.source(), pair.target(), "torture"), null);
      FullLoadResult result = EnginePhases.load(
          LoadFixture.context("ns/torture", sink, pair.source(), pair.target()), 0, 1);

      assertThat(result.rowsCopied()).isEqualTo(13);
      assertThat(result.complete()).isTrue();
      String select = "SELECT " + COLUMNS + " FROM torture.t ORDER BY id";
      assertThat(LoadFixture.hexRows(pair.target(), select))
          .hasSize(7)
          .isEqualTo(LoadFixture.hexRows(pair.source(), select));
      String indexes = "SELECT CONCAT_WS(':', id, e + 0, s + 0) FROM torture.t ORDER BY id";
      assertThat(pair.target().query(indexes)).as("ENUM indexes, the error value's 0 too")
          .contains(List.of("6:0:1"))
          .isEqualTo(pair.source().query(indexes));
      String utf8mb4 = "SELECT " + UTF8MB4_COLUMNS + ", gen FROM torture.u ORDER BY id";
      assertThat(LoadFixture.hexRows(pair.target(), utf8mb4))
          .hasSize(6)
          .isEqualTo(LoadFixture.hexRows(pair.source(), utf8mb4));
      try (Connection target = pair.target().connect()) {
        assertThat(LoadDataWriter.rawText(target, new TableRef("torture", "u"),
            List.of(new Column("vc", "vc", ValueKind.TEXT, false),
                new Column("bl", "bl", ValueKind.BINARY, false))))
            .as("table u goes as raw bytes").isTrue();
        assertThat(LoadDataWriter.rawText(target, new TableRef("torture", "t"),
            List.of(new Column("l1", "l1", ValueKind.TEXT, false))))
            .as("a latin1 column does not").isFalse();
        assertThat(LoadDataWriter.rawText(target, new TableRef("torture", "t"),
            List.of(new Column("e", "e", ValueKind.TEXT, false))))
            .as("an ENUM does not").isFalse();
        pair.target().execute("CREATE TABLE torture.v (id INT PRIMARY KEY, e ENUM('', 'a'))");
        List<Column> e = List.of(new Column("e", "e", ValueKind.TEXT, false));
        assertThat(TargetColumns.read(target, new TableRef("torture", "t")).enumErrorValues(e))
            .as("'' is the error value of an ENUM without that member").containsExactly(true);
        assertThat(TargetColumns.read(target, new TableRef("torture", "v")).enumErrorValues(e))
            .as("and a member where declared").containsExactly(false);
      }
      String floating = "SELECT f, d FROM torture.t ORDER BY id";
      assertThat(LoadFixture.floatingBits(pair.target(), floating))
          .isEqualTo(LoadFixture.floatingBits(pair.source(), floating));
      String geometry = "SELECT HEX(g), HEX(p), HEX(b64), HEX(b13), HEX(b1), HEX(gb), HEX(sj),"
          + " HEX(l1), HEX(em), UNIX_TIMESTAMP(ts) FROM torture.t ORDER BY id";
      assertThat(LoadFixture.hexRows(pair.target(), geometry))
          .isEqualTo(LoadFixture.hexRows(pair.source(), geometry));
    } finally {
      TimeZone.setDefault(jvmZone);
      pair.source().execute("SET GLOBAL time_zone = 'SYSTEM'");
      pair.target().execute("SET GLOBAL time_zone = 'SYSTEM'",
          "SET GLOBAL local_infile = " + ("ON".equals(localInfileBefore) ? 1 : 0));
    }
  }

  /**
   * A value the target column cannot hold fails the chunk on both writers, also in a batch whose
   * ENUM error values are allowed their truncation warnings.
   */
  @ParameterizedTest(name = "{0}, local_infile {1}")
  @CsvSource({"MARIADB, 1", "MARIADB, 0", "MYSQL, 1", "MYSQL, 0", "MYSQL57, 1", "MYSQL57, 0"})
  void aValueThatDoesNotFitFailsTheLoadBesideEnumErrorValues(Flavor flavor, int localInfile)
      throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    String localInfileBefore = pair.target().variable("local_infile");
    pair.target().execute("SET GLOBAL local_infile = " + localInfile);
    try {
      pair.source().execute("CREATE DATABASE fit",
          "CREATE TABLE fit.t (id INT PRIMARY KEY, e ENUM('a', 'b'), v VARCHAR(30))",
          "SET SESSION sql_mode = ''",
          "INSERT INTO fit.t VALUES (1, 'nope', 'short'), (2, 'a', 'far too long for five'),"
              + " (3, 'nope', 'short')");
      pair.target().execute("CREATE DATABASE fit",
          "CREATE TABLE fit.t (id INT PRIMARY KEY, e ENUM('a', 'b'), v VARCHAR(5))");
      InMemoryStatusSink sink =
          new InMemoryStatusSink(LoadFixture.spec(pair.source(), pair.target(), "fit"), null);

      assertThatThrownBy(() -> EnginePhases.load(
          LoadFixture.context("ns/fit", sink, pair.source(), pair.target()), 0, 1))
          .hasMessageContaining("column 'v'")
          .hasMessageContaining(localInfile == 1 ? "values did not fit the target table" : "");
      assertThat(pair.target().query("SELECT COUNT(*) FROM fit.t"))
          .as("the chunk was rolled back").containsExactly(List.of(0L));
    } finally {
      pair.target().execute(
          "SET GLOBAL local_infile = " + ("ON".equals(localInfileBefore) ? 1 : 0));
    }
  }

  private static void insertRows(DatabaseServer source) throws Exception {
    try (Connection connection = source.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION sql_mode = ''");
      statement.execute("SET SESSION time_zone = '+00:00'");
      statement.execute("INSERT INTO torture.t VALUES (1, 127, 255, 32767, 8388607,"
          + " 9223372036854775807, 18446744073709551615,"
          + " 99999999999999999999999999999999999.999999999999999999999999999999, 9999999999,"
          + " 3.4028234663852886e38, 1.7976931348623157e308,"
          + " b'1', b'1010101010101', 0xFFFFFFFFFFFFFFFF,"
          + " 'c d', 'x,z', '{\"a\": [1, 2.5, \"x\"], \"b\": null, \"n\": 12345678901234567890}',"
          + " ST_GeomFromText('LINESTRING(0 0, 1.5 1e10, -3 0.1)'),"
          + " ST_GeomFromText('POINT(1.5 -2.25)'),"
          + " 0x00FF00FE, 0x00000001, 0x0000,"
          + " REPEAT('long text ', 500), 'abc', 'trailing space  ',"
          + " 'café ÿ', '中文汉字', 'ｱｲｳ漢字', 'emoji 😀🚀',"
          + " '9999-12-31', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999',"
          + " '838:59:59.000000', 2155)");
      statement.execute("INSERT INTO torture.t VALUES (2, -128, 0, -32768, -8388608,"
          + " -9223372036854775808, 0,"
          + " -99999999999999999999999999999999999.999999999999999999999999999999, -1,"
          + " 1.401298464324817e-45, 4.9406564584124654e-324,"
          + " b'0', b'0', 0x0000000000000000,"
          + " 'a', '', '[]', ST_GeomFromText('POLYGON((0 0, 1 0, 1 1, 0 0))'),"
          + " ST_GeomFromText('POINT(0 0)'), '', 0x00000000, '',"
          + " '', '', '', '', '', '', '', '1000-01-01', '1000-01-01 00:00:00.000000',"
          + " '1970-01-01 00:00:01.000000', '-838:59:59.000000', 1901)");
      statement.execute("INSERT INTO torture.t (id) VALUES (3)");
      statement.execute("INSERT INTO torture.t VALUES (4, 0, 1, 0, 0, 0, 1,"
          + " 0.000000000000000000000000000001, 0,"
          + " 0.1, 0.1, b'1', b'1', 0x8000000000000001, 'b', 'x,y,z',"
          + " '{\"unicode\": \"é😀\", \"f\": 1.0000000000000002}', NULL, NULL,"
          + " 0x00, 0x61000000, 0x5C27225C00,"
          + " 'quote '' \" \\\\ back', '', 'tab\\tnew\\nline', 'Ø', '繁體', '＼～',"
          + " '👩‍💻',"
          + " '0000-00-00', '0000-00-00 00:00:00.000000', '0000-00-00 00:00:00.000000',"
          + " '-00:00:00.000001', 0000)");
      statement.execute("INSERT INTO torture.t VALUES (5, 1, 2, 3, 4, 5, 6,"
          + " 3.141592653589793238462643383279, 42,"
          + " -1.17549435e-38, 0.30000000000000004, b'0', b'1000000000000', 0x0123456789ABCDEF,"
          + " NULL, NULL, 'null', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
          + " NULL, NULL, '2024-02-29', '2024-00-15 12:00:00.5', NULL, '12:34:56.789', NULL)");
      statement.execute("INSERT INTO torture.u (" + UTF8MB4_COLUMNS + ") SELECT "
          + UTF8MB4_COLUMNS + " FROM torture.t");
      statement.execute("INSERT INTO torture.u (id, tx, c, vc, em) VALUES (6,"
          + " CONCAT('nul', CHAR(0), 'byte\\\\'), '\\\\N', 'N', 'NULL')");
      // outside the list: a non-strict server stores the ENUM error value '' (index 0)
      statement.execute("INSERT INTO torture.t (id, e, s) VALUES (6, 'nope', 'x,nope'),"
          + " (7, 'c d', 'y')");
    }
  }
}
