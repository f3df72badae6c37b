package dev.ferry.worker.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.ChunkMismatch;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MySQL and MariaDB print values alike where validation needs it: doubles, decimals, temporal
 * values, bits, enums and JSON (binary JSON on MySQL, LONGTEXT on MariaDB) compare equal across
 * the two flavours when the target holds what a migration writes, and a changed value is found.
 */
class ValidationAcrossFlavorsTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @CsvSource({"MYSQL, MARIADB", "MARIADB, MYSQL", "MYSQL57, MYSQL"})
  void equalValuesMatchAcrossFlavours(Flavor from, Flavor to) throws Exception {
    DatabasePair pair = dbs.pair(from, to);
    pair.reset();
    String table = "CREATE TABLE x.t (id INT PRIMARY KEY, d DOUBLE, f FLOAT, dc DECIMAL(30,10),"
        + " dt DATETIME(6), tm TIME(3), b BIT(8), e ENUM('red','green'), s VARCHAR(20),"
        + " j JSON)";
    String[] rows = {
        "INSERT INTO x.t VALUES (1, -1.2345678901234567e-300, 3.4028234663852886e38, -12.5,"
            + " '2024-02-29 23:59:59.999999', '-12:00:00.5', b'10101010', 'green', 'żółw 😀',"
            + " %s)",
        "INSERT INTO x.t VALUES (2, 4.9e-324, 1.4e-45, 0, '1970-01-01 00:00:00', '00:00:00',"
            + " b'0', 'red', '', %s)",
        "INSERT INTO x.t VALUES (3, 1.7976931348623157e308, 0.1, 99999999999999999999.9999999999,"
            + " NULL, NULL, NULL, NULL, NULL, NULL)"};
    String[] mysqlJson = {"'{\"b\": [1, 2.5, \"x y\"], \"a\": {\"c\": null}}'", "'[]'"};
    String[] printedByMysql = {"'{\"a\": {\"c\": null}, \"b\": [1, 2.5, \"x y\"]}'", "'[]'"};
    String[] onSource = from != Flavor.MARIADB ? mysqlJson : compact(printedByMysql);
    String[] onTarget = from != Flavor.MARIADB ? printedByMysql : onSource;
    pair.source().execute("CREATE DATABASE x", table, String.format(rows[0], onSource[0]),
        String.format(rows[1], onSource[1]), rows[2]);
    pair.target().execute("CREATE DATABASE x", table, String.format(rows[0], onTarget[0]),
        String.format(rows[1], onTarget[1]), rows[2]);
    InMemoryStatusSink sink = new InMemoryStatusSink(
        ValidationFixture.spec(pair.source(), pair.target(), "x.t"), null);

    ValidationResult equal = Validation.run(
        ValidationFixture.context("ns/x", sink, pair.source(), pair.target()));

    assertThat(equal.passed()).isTrue();
    pair.target().execute("UPDATE x.t SET j = '{\"a\": {\"c\": 1}, \"b\": [1, 2.5, \"x y\"]}'"
        + " WHERE id = 1", "UPDATE x.t SET d = " + Math.nextUp(4.9e-324) + " WHERE id = 2");

    ValidationResult different = Validation.run(
        ValidationFixture.context("ns/x", sink, pair.source(), pair.target()));

    assertThat(different.passed()).isFalse();
    assertThat(sink.status().getValidation().getMismatches())
        .extracting(ChunkMismatch::getKeys).containsExactly(List.of("1", "2"));
  }

  /** Doubles that the two flavours print in different notations, or that MySQL cuts. */
  private static final double[] DOUBLES = {1.2345678901234567e-10, 1e-5, 1.2345678901234567e-5,
      2.5e-7, 1.2345678901234567e15, 9.999999999999999e14, 1e16, 1e22, 1e23,
      Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Math.PI * 1e100, Math.E * 1e-100,
      1099511627775.9999, 1099511627776.0, -1.2345678901234567e-300, 4.9e-324,
      Double.MAX_VALUE, 1.0 / 3, 0.1};

  @ParameterizedTest
  @CsvSource({"MYSQL, MARIADB", "MARIADB, MYSQL", "MYSQL57, MYSQL"})
  void doublesCompareBitForBitAcrossFlavours(Flavor from, Flavor to) throws Exception {
    DatabasePair pair = dbs.pair(from, to);
    pair.reset();
    StringBuilder rows = new StringBuilder("INSERT INTO x.d VALUES (0, 0)");
    for (int i = 0; i < DOUBLES.length; i++) {
      rows.append(", (").append(i + 1).append(", ").append(DOUBLES[i]).append("), (")
          .append(-i - 1).append(", ").append(-DOUBLES[i]).append(')');
    }
    for (DatabaseServer server : List.of(pair.source(), pair.target())) {
      server.execute("CREATE DATABASE x", "CREATE TABLE x.d (id INT PRIMARY KEY, d DOUBLE)",
          rows.toString());
    }
    MigrationTaskSpec spec = ValidationFixture.spec(pair.source(), pair.target(), "x.d");
    spec.getValidation().setChunkRows(8);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);

    assertThat(Validation.run(ValidationFixture.context("ns/d", sink, pair.source(),
        pair.target())).passed()).isTrue();

    pair.target().execute("UPDATE x.d SET d = d + 1 WHERE id = 0");
    for (int i = 0; i < DOUBLES.length; i++) {
      pair.target().execute("UPDATE x.d SET d = " + Math.nextDown(DOUBLES[i]) + " WHERE id = "
          + (i + 1), "UPDATE x.d SET d = " + Math.nextUp(-DOUBLES[i]) + " WHERE id = " + (-i - 1));
    }
    ValidationResult different = Validation.run(
        ValidationFixture.context("ns/d", sink, pair.source(), pair.target()));

    assertThat(different.passed()).isFalse();
    assertThat(sink.status().getValidation().getMismatches())
        .flatExtracting(ChunkMismatch::getKeys).as("every row, one ULP towards zero")
        .hasSize(2 * DOUBLES.length + 1);
  }

  /** The JSON texts without the spaces MySQL prints, as MariaDB keeps what it was given. */
  private static String[] compact(String[] json) {
    String[] compacted = new String[json.length];
    for (int i = 0; i < json.length; i++) {
      compacted[i] = json[i].replace(": ", ":").replace(", ", ",");
    }
    return compacted;
  }
}
