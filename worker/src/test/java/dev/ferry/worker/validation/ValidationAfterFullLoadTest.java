package dev.ferry.worker.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.status.InMemoryStatusSink;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the full load copies, validation finds equal, for every pair of flavours. */
class ValidationAfterFullLoadTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final String TABLE = "CREATE TABLE x.t (id INT PRIMARY KEY, d DOUBLE, f FLOAT,"
      + " dc DECIMAL(65,30), dt DATETIME(6), ts TIMESTAMP(6) NULL, b BIT(9), j JSON,"
      + " s VARCHAR(20) CHARACTER SET latin1, bl BLOB)";

  @ParameterizedTest
  @CsvSource({"MYSQL, MYSQL", "MARIADB, MARIADB", "MYSQL, MARIADB", "MARIADB, MYSQL",
      "MYSQL57, MYSQL57", "MYSQL57, MYSQL"})
  void fullLoadCopyValidates(Flavor from, Flavor to) throws Exception {
    DatabasePair pair = dbs.pair(from, to);
    pair.reset();
    pair.source().execute("SET SESSION sql_mode = ''", "CREATE DATABASE x", TABLE,
        "INSERT INTO x.t VALUES (1, -1.2345678901234567e-300, 3.4028234663852886e38, 1.5,"
            + " '0000-00-00 00:00:00', '2020-01-01 00:00:00.5', b'101010101',"
            + " '{\"a\": [1, 2], \"b\": 1}', 'café', x'00ff')",
        "INSERT INTO x.t VALUES (2, -1.2345678901234567e-10, 1.4e-45,"
            + " -0.000000000000000000000000000001, '9999-12-31 23:59:59.999999', NULL, b'0',"
            + " '[]', '', '')",
        "INSERT INTO x.t VALUES (3, 4.9e-324, 0.1, 0, NULL, NULL, NULL, NULL, NULL, NULL)",
        "INSERT INTO x.t (id, d, f) VALUES (4, 1e23, 1e-5), (5, 1.2345678901234567e15, 2.5e-7),"
            + " (6, 9.999999999999999e14, 16777217), (7, 2.2250738585072014e-308, -1e30)");
    pair.target().execute("CREATE DATABASE x", TABLE);
    MigrationTaskSpec spec = ValidationFixture.spec(pair.source(), pair.target(), "x.t");
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);
    EnginePhases.load(ValidationFixture.context("ns/x", sink, pair.source(), pair.target()), 0, 1);

    ValidationResult result = Validation.run(
        ValidationFixture.context("ns/x", sink, pair.source(), pair.target()));

    assertThat(result.passed()).as(String.valueOf(sink.status().getValidation().getMismatches()))
        .isTrue();
  }
}
