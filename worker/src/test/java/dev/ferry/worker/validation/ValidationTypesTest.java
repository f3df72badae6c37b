package dev.ferry.worker.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.ChunkMismatch;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.ValidationStatus;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every type class compares equal when equal and is located when one value differs by the
 * smallest step (one ULP, one microsecond, one byte, NULL against empty), on both flavours.
 */
class ValidationTypesTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final String TABLE = "CREATE TABLE v.types (id INT PRIMARY KEY, f FLOAT,"
      + " d DOUBLE, dc DECIMAL(65,30), dt DATETIME(6), ts TIMESTAMP(3) NULL DEFAULT NULL,"
      + " tm TIME(6), dy DATE, yr YEAR, j JSON, lat VARCHAR(20) CHARACTER SET latin1,"
      + " emo VARCHAR(20) CHARACTER SET utf8mb4, txt TEXT, bl BLOB, vb VARBINARY(16), b BIT(10),"
      + " e ENUM('a','b','c'), s SET('x','y','z'), n INT NULL, g BIGINT AS (n * 2) VIRTUAL)";

  private static final String COLUMNS = "(id, f, d, dc, dt, ts, tm, dy, yr, j, lat, emo, txt, bl,"
      + " vb, b, e, s, n)";

  private static final String ROWS = "INSERT INTO v.types " + COLUMNS + " SELECT n, n / 3,"
      + " n / 7e0, n / 9, TIMESTAMPADD(MICROSECOND, n * 1001, '2024-01-01 00:00:00'),"
      + " TIMESTAMPADD(SECOND, n, '2020-01-01 00:00:00.123'), SEC_TO_TIME(n),"
      + " DATE('2000-01-01') + INTERVAL n DAY, 1901 + n % 250,"
      + " JSON_OBJECT('n', n, 'tags', JSON_ARRAY('a', n)), CONCAT('café ', n),"
      + " CONCAT('😀', n), REPEAT(CONCAT('t', n), 3), UNHEX(MD5(n)), UNHEX(HEX(n)), n % 1024,"
      + " ELT(1 + n % 3, 'a', 'b', 'c'), ELT(1 + n % 3, 'x', 'y,z', ''), n FROM ("
      + ValidationFixture.numbers("v") + ") AS numbers WHERE n <= 2500";

  private static final String[] EXTREMES = {
      "SET SESSION sql_mode = ''",
      "INSERT INTO v.types " + COLUMNS + " VALUES (100001, 3.4028235e38, 0.30000000000000004,"
          + " 12345678901234567890123456789012345.123456789012345678901234567890,"
          + " '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999', '838:59:59.000000',"
          + " '9999-12-31', 2155, '{\"b\": [1, 2.5, \"x\"], \"a\": {\"c\": null}}', 'ÿþ',"
          + " '𝄞😀', 'long text', x'00FF00', x'FF', b'1111111111', 'c', 'x,y,z', -2147483648)",
      "INSERT INTO v.types " + COLUMNS + " VALUES (100002, 0.1, -1.7976931348623157e308,"
          + " -0.000000000000000000000000000001, '0000-00-00 00:00:00',"
          + " '2001-02-03 04:05:06.789', '-838:59:59', '0000-00-00', 0, '[]', 'a', 'b', 'c',"
          + " x'', x'00', b'0', 'a', '', 2147483647)",
      "INSERT INTO v.types (id, f, d, dc) VALUES (100003, 1.4e-45, 4.9e-324, 0)",
      "INSERT INTO v.types (id, f, d, dt) VALUES (100004, -1.17549435e-38,"
          + " 2.2250738585072014e-308, '2024-02-29 12:00:00.000001')",
      "INSERT INTO v.types (id, lat, emo, txt, bl, vb, j, s) VALUES (100005, '', '', '', '', '',"
          + " '{}', '')",
      "INSERT INTO v.types (id, lat) VALUES (100006, '')",
      "INSERT INTO v.types (id, d) VALUES (100007, 1.2345678901234567e-300)",
      "INSERT INTO v.types (id, d) VALUES (100008, 1.7976931348623157e308)"};

  /** Doubles whose shortest text is long, tiny, huge, subnormal or negative. */
  private static final double[] DOUBLES = {-1.2345678901234567e-300, 1.2345678901234567e-99,
      -9.876543210987654e+250, 4.9e-324, 2.2250738585072014e-308, -1.7976931348623157e308,
      123456.78901234567, -0.00012345678901234567, 0.1, -3.4028234663852886e38};

  /** Floats at the ends of their range, subnormal, and with long text. */
  private static final float[] FLOATS = {3.4028235e38f, 1.4e-45f, -1.17549435e-38f, 0.1f,
      -123456.79f, 1.0e-10f, 7.0e-45f, 1.0f / 3, -2.5e30f, 0f};

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void equalDataPassesAndEveryDifferenceIsLocated(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    DatabaseServer target = pair.target();
    ValidationFixture.onBoth(source, target, ValidationFixture.schemaWithDigits("v"));
    ValidationFixture.onBoth(source, target, TABLE, ROWS);
    ValidationFixture.onBoth(source, target, EXTREMES);
    ValidationFixture.onBoth(source, target, "CREATE TABLE v.floats (id INT PRIMARY KEY,"
        + " d DOUBLE, f FLOAT)");
    for (int i = 0; i < DOUBLES.length; i++) {
      ValidationFixture.onBoth(source, target, "INSERT INTO v.floats VALUES (" + i + ", "
          + DOUBLES[i] + ", " + (double) FLOATS[i] + ")");
    }
    MigrationTaskSpec spec = ValidationFixture.spec(source, target, "v.types", "v.floats");
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);

    ValidationResult equal = Validation.run(
        ValidationFixture.context("ns/types", sink, source, target));

    assertThat(equal.passed()).as("equal data passes").isTrue();
    assertThat(equal.chunksMatched()).isEqualTo(4);
    ValidationStatus passed = sink.status().getValidation();
    assertThat(passed.getPassed()).isTrue();
    assertThat(passed.getTablesChecked()).isEqualTo(2);
    assertThat(passed.getCompletedAt()).isNotNull();
    assertThat(sink.status().getProgress()).startsWith("validation passed: 2/2 tables");

    for (int i = 0; i < DOUBLES.length; i++) {
      target.execute("UPDATE v.floats SET d = " + Math.nextUp(DOUBLES[i]) + " WHERE id = " + i);
    }

    target.execute(
        "UPDATE v.types SET ts = ts + INTERVAL 1000 MICROSECOND WHERE id = 30",
        "UPDATE v.types SET tm = ADDTIME(tm, '00:00:00.000001') WHERE id = 40",
        "UPDATE v.types SET j = '{\"n\": 50, \"tags\": [\"a\", 51]}' WHERE id = 50",
        "UPDATE v.types SET lat = 'cafe 60' WHERE id = 60",
        "UPDATE v.types SET emo = '😁70' WHERE id = 70",
        "UPDATE v.types SET yr = yr + 1 WHERE id = 80",
        "UPDATE v.types SET dy = dy + INTERVAL 1 DAY WHERE id = 90",
        "UPDATE v.types SET txt = CONCAT(txt, 'x') WHERE id = 1010",
        "UPDATE v.types SET bl = UNHEX(MD5('other')) WHERE id = 1020",
        "UPDATE v.types SET vb = CONCAT(vb, x'00') WHERE id = 1030",
        "UPDATE v.types SET b = b ^ 1 WHERE id = 1040",
        "UPDATE v.types SET e = IF(e = 'a', 'b', 'a') WHERE id = 1050",
        "UPDATE v.types SET s = IF(s = 'x', 'y,z', 'x') WHERE id = 1060",
        "UPDATE v.types SET n = NULL WHERE id = 1070",
        "UPDATE v.types SET f = f * 2 WHERE id = 1080",
        "UPDATE v.types SET dc = dc + 0.000000000000000000000000000001 WHERE id = 1090",
        "DELETE FROM v.types WHERE id = 2020",
        "INSERT INTO v.types (id, n) VALUES (2600, 1)",
        "UPDATE v.types SET d = " + Math.nextUp(0.30000000000000004) + " WHERE id = 100001",
        "UPDATE v.types SET f = " + (double) Math.nextUp(0.1f) + " WHERE id = 100002",
        "UPDATE v.types SET dc = 0.000000000000000000000000000001 WHERE id = 100003",
        "UPDATE v.types SET dt = '2024-02-29 12:00:00.000002' WHERE id = 100004",
        "UPDATE v.types SET txt = NULL WHERE id = 100005",
        "UPDATE v.types SET lat = NULL, emo = '' WHERE id = 100006",
        "UPDATE v.types SET d = " + Math.nextUp(1.2345678901234567e-300) + " WHERE id = 100007",
        "UPDATE v.types SET d = " + Math.nextDown(Double.MAX_VALUE) + " WHERE id = 100008");

    ValidationResult different = Validation.run(
        ValidationFixture.context("ns/types", sink, source, target));

    assertThat(different.passed()).isFalse();
    assertThat(different.differingTables()).containsExactly("v.floats", "v.types");
    assertThat(different.failureMessage()).isEqualTo(
        "validation found differences in tables v.floats, v.types; see status.validation");
    ValidationStatus status = sink.status().getValidation();
    assertThat(status.getStartedAt()).as("a new run").isNotEqualTo(passed.getStartedAt());
    assertThat(status.getPassed()).isFalse();
    assertThat(status.getChunksMismatched()).isEqualTo(4);
    assertThat(status.getChunksMatched()).isZero();
    ChunkMismatch floats = status.getMismatches().get(0);
    assertThat(floats.getTable()).isEqualTo("v.floats");
    assertThat(floats.getKeys()).as("one ULP up in every double")
        .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    List<ChunkMismatch> mismatches = status.getMismatches().subList(1, 4);
    assertThat(mismatches).extracting(ChunkMismatch::getTable).containsOnly("v.types");
    assertThat(mismatches).extracting(ChunkMismatch::getLowerKey)
        .containsExactly("(table start)", "1001", "2001");
    assertThat(mismatches).extracting(ChunkMismatch::getUpperKey)
        .containsExactly("1001", "2001", "(table end)");
    assertThat(mismatches.get(0).getKeys())
        .containsExactly("30", "40", "50", "60", "70", "80", "90");
    assertThat(mismatches.get(1).getKeys())
        .containsExactly("1010", "1020", "1030", "1040", "1050", "1060", "1070", "1080", "1090");
    assertThat(mismatches.get(2).getKeys()).containsExactly("2020", "100001", "100002",
        "100003", "100004", "100005", "100006", "100007", "100008", "2600");
  }
}
