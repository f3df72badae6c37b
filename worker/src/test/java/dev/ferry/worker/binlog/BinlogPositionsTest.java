package dev.ferry.worker.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.db.ServerInfo;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The binlog position statement per flavour and version, and positions read from real servers. */
class BinlogPositionsTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @CsvSource({
      "MYSQL, 8.0.31, SHOW MASTER STATUS",
      "MYSQL, 8.1.0, SHOW MASTER STATUS",
      "MYSQL, 8.2.0, SHOW BINARY LOG STATUS",
      "MYSQL, 8.4.3, SHOW BINARY LOG STATUS",
      "MYSQL, 9.1.0, SHOW BINARY LOG STATUS",
      "MARIADB, 11.4.5, SHOW MASTER STATUS"})
  void picksTheStatusStatementTheServerVersionKnows(dev.ferry.worker.db.Flavor flavor,
      String version, String expected) {
    String[] numbers = version.split("\\.");
    ServerInfo server = new ServerInfo(flavor, version, Integer.parseInt(numbers[0]),
        Integer.parseInt(numbers[1]), Integer.parseInt(numbers[2]), null);

    assertThat(BinlogPositions.statusStatement(server)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void readsTheCurrentFileOffsetAndGtidsOfEachFlavour(Flavor flavor) throws Exception {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    source.execute("CREATE DATABASE IF NOT EXISTS pos",
        "CREATE TABLE IF NOT EXISTS pos.t (id INT PRIMARY KEY)", "REPLACE INTO pos.t VALUES (1)");
    List<Object> status = source.query("SHOW MASTER STATUS").get(0);

    try (Connection connection = source.connect()) {
      BinlogPosition position =
          BinlogPositions.current(connection, ServerInfo.detect(connection)).orElseThrow();

      assertThat(position.getFile()).isEqualTo(status.get(0));
      assertThat(position.getPosition()).isEqualTo(((Number) status.get(1)).longValue());
      String gtids = flavor != Flavor.MARIADB ? source.variable("gtid_executed")
          : source.variable("gtid_binlog_pos");
      assertThat(position.getGtidSet()).isNotBlank().isEqualTo(gtids.replaceAll("\\s+", ""));
    }
  }
}
