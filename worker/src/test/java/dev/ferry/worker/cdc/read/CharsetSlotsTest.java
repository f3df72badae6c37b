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
import dev.ferry.worker.sql.TableRef;
import java.util.Arrays;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Character columns after columns of every other kind (BIT, ENUM, SET, JSON, a binary BLOB,
 * GEOMETRY) are decoded with their own character sets, which the TABLE_MAP event gives per
 * character column.
 */
class CharsetSlotsTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void eachCharacterColumnKeepsItsCharset(Flavor flavor) throws Exception {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    source.execute("DROP DATABASE IF EXISTS cs", "CREATE DATABASE cs",
        "CREATE TABLE cs.t (id INT PRIMARY KEY, b BIT(3), e ENUM('a','b'), s SET('x','y'),"
            + " j JSON, g POINT NULL, bl BLOB, vc VARCHAR(20) CHARACTER SET utf8mb4,"
            + " l1 VARCHAR(20) CHARACTER SET latin1, g2 POINT NULL,"
            + " l2 VARCHAR(20) CHARACTER SET latin1) DEFAULT CHARSET=utf8mb4");
    Position start = now(source);
    try (BinlogReader stream = reader(endpoint(source), start, false,
        table -> table.equals(new TableRef("cs", "t")))) {
      source.execute("INSERT INTO cs.t VALUES (1, b'101', 'b', 'x,y', '[1]', NULL,"
          + " x'00FF', 'ß€', 'été', NULL, 'çà')");
      RowChange row = take(stream, 1).get(0).rows().get(0);
      assertThat(Arrays.asList(row.after())).as("row %s", Arrays.toString(row.after()))
          .contains("ß€", "été", "çà");
    }
  }
}
