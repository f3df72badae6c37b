package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shared servers of each flavour behave as the migration tests need. */
class SharedServersTest {

  @RegisterExtension static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void rowWrittenToTheSourceCanBeReadBackWithPasswordOverTcp(Flavor flavor) throws SQLException {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    source.execute(
        "CREATE DATABASE shop",
        "CREATE TABLE shop.item (id INT PRIMARY KEY, name VARCHAR(50))",
        "INSERT INTO shop.item VALUES (1, 'café ☕')");

    try (Connection connection =
            DriverManager.getConnection(
                source.jdbcUrl("shop"), source.adminUser(), source.adminPassword());
        Statement statement = connection.createStatement()) {
      assertThat(Sql.rows(statement, "SELECT id, name FROM item"))
          .containsExactly(List.of(1, "café ☕"));
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void binaryLogIsOnWithRowFormatFullImageAndFullMetadata(Flavor flavor) throws SQLException {
    DatabasePair pair = dbs.pair(flavor, flavor);
    for (DatabaseServer server : List.of(pair.source(), pair.target())) {
      assertThat(server.variable("log_bin")).isEqualTo("ON");
      assertThat(server.variable("binlog_format")).isEqualTo("ROW");
      assertThat(server.variable("binlog_row_image")).isEqualTo("FULL");
      // MySQL 5.7 has no binlog_row_metadata: its row events never carry column names.
      String metadata = flavor == Flavor.MYSQL57 ? null : "FULL";
      assertThat(server.variable("binlog_row_metadata")).isEqualTo(metadata);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void writeShowsUpAsRowEventInTheBinaryLog(Flavor flavor) throws SQLException {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    source.execute(
        "CREATE DATABASE logged",
        "CREATE TABLE logged.t (id INT PRIMARY KEY)",
        "INSERT INTO logged.t VALUES (7)");

    List<List<Object>> logs = source.query("SHOW BINARY LOGS");
    Object currentLog = logs.get(logs.size() - 1).get(0);
    List<Object> eventTypes =
        source.query("SHOW BINLOG EVENTS IN '" + currentLog + "'").stream()
            .map(row -> row.get(2))
            .toList();
    assertThat(eventTypes).contains(writeRowsEvent(flavor));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void sourceAndTargetHaveDifferentServerIds(Flavor flavor) throws SQLException {
    DatabasePair pair = dbs.pair(flavor, flavor);
    assertThat(pair.source().serverId()).isNotEqualTo(pair.target().serverId());
    assertThat(pair.source().variable("server_id"))
        .isEqualTo(String.valueOf(pair.source().serverId()));
    assertThat(pair.target().variable("server_id"))
        .isEqualTo(String.valueOf(pair.target().serverId()));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void serverCharsetIsUtf8mb4(Flavor flavor) throws SQLException {
    DatabasePair pair = dbs.pair(flavor, flavor);
    for (DatabaseServer server : List.of(pair.source(), pair.target())) {
      assertThat(server.variable("character_set_server")).isEqualTo("utf8mb4");
      assertThat(server.variable("collation_server")).isEqualTo(flavor.collation());
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void limitedUserCanReadButNotWrite(Flavor flavor) throws SQLException {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    source.execute(
        "CREATE DATABASE guarded",
        "CREATE TABLE guarded.t (id INT PRIMARY KEY)",
        "INSERT INTO guarded.t VALUES (1)");
    source.createUser("reader", "reader-pw", "SELECT ON *.*");

    try (Connection connection = source.connect("reader", "reader-pw");
        Statement statement = connection.createStatement()) {
      assertThat(Sql.rows(statement, "SELECT id FROM guarded.t")).containsExactly(List.of(1));
      assertThatThrownBy(() -> statement.execute("INSERT INTO guarded.t VALUES (2)"))
          .isInstanceOf(SQLSyntaxErrorException.class)
          .hasMessageContaining("INSERT command denied");
    }
    assertThatThrownBy(() -> source.connect("reader", "wrong-password"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Access denied");
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void hasNoAnonymousAccountsAndNoTestSchema(Flavor flavor) throws SQLException {
    DatabaseServer target = dbs.pair(flavor, flavor).target();
    assertThat(target.query("SELECT Host FROM mysql.user WHERE User = ''")).isEmpty();
    assertThat(target.query("SHOW DATABASES LIKE 'test'")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void restartKeepsData(Flavor flavor) throws SQLException {
    DatabaseServer target = dbs.pair(flavor, flavor).target();
    target.execute(
        "CREATE DATABASE durable",
        "CREATE TABLE durable.t (id INT PRIMARY KEY)",
        "INSERT INTO durable.t VALUES (42)");
    int port = target.port();

    target.stop();
    assertThat(dbs.pair(flavor, flavor).target().isRunning()).isFalse();
    assertThatThrownBy(target::connect).isInstanceOf(SQLException.class);
    target.restart();

    assertThat(target.port()).isEqualTo(port);
    assertThat(target.query("SELECT id FROM durable.t")).containsExactly(List.of(42));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void resetDropsSchemasAccountsAndBinaryLogs(Flavor flavor) throws SQLException {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    source.execute(
        "CREATE DATABASE scratch",
        "CREATE TABLE scratch.t (id INT PRIMARY KEY)",
        "INSERT INTO scratch.t VALUES (1)",
        "FLUSH BINARY LOGS",
        "SET GLOBAL read_only = ON");
    if (flavor != Flavor.MYSQL57) { // MySQL 5.7 has no roles
      source.execute("CREATE ROLE scratch_role");
    }
    source.createUser("scratch_user", "pw", "SELECT ON scratch.*");
    try (Connection leftOpen = source.connect();
        Statement locking = leftOpen.createStatement()) {
      leftOpen.setAutoCommit(false);
      locking.execute("SELECT * FROM scratch.t FOR UPDATE");

      source.reset();

      assertThat(leftOpen.isValid(2)).isFalse();
    }
    assertThat(schemas(source)).isEqualTo(flavor.systemSchemas());
    assertThat(source.query("SELECT User FROM mysql.user").stream().map(row -> row.get(0)))
        .contains(source.adminUser())
        .doesNotContain("scratch_user", "scratch_role");
    assertThat(source.query("SHOW BINARY LOGS")).hasSize(1);
    assertThat(source.variable("read_only")).isEqualTo("OFF");
  }

  @ParameterizedTest
  @EnumSource(names = {"MYSQL", "MYSQL57"})
  void mySqlRunsWithGtidsAndDistinctServerUuids(Flavor flavor) throws SQLException {
    DatabasePair pair = dbs.pair(flavor, flavor);
    DatabaseServer source = pair.source();
    assertThat(source.variable("gtid_mode")).isEqualTo("ON");
    assertThat(source.variable("enforce_gtid_consistency")).isEqualTo("ON");
    assertThat(source.variable("server_uuid")).isNotEqualTo(pair.target().variable("server_uuid"));

    String before = source.variable("gtid_executed");
    source.execute("CREATE DATABASE gtids");

    assertThat(source.variable("gtid_executed"))
        .startsWith(source.variable("server_uuid") + ":1")
        .isNotEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void versionAndBinariesMatchTheFlavor(Flavor flavor) throws Exception {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    Path bin = source.baseDir().resolve("bin");
    if (flavor == Flavor.MARIADB) {
      assertThat(source.version()).startsWith("11.4.").contains("MariaDB");
      assertThat(bin.resolve("mariadb")).isExecutable();
      assertThat(bin.resolve("mariadb-dump")).isExecutable();
      Process client = new ProcessBuilder(bin.resolve("mariadb").toString(), "--version").start();
      assertThat(new String(client.getInputStream().readAllBytes())).contains("11.4");
    } else {
      assertThat(source.version()).isEqualTo(flavor == Flavor.MYSQL ? "8.0.31" : "5.7.22-log");
      assertThat(bin.resolve("mysqld")).isExecutable();
    }
    assertThat(Files.isDirectory(source.baseDir().resolve("share"))).isTrue();
  }

  private static String writeRowsEvent(Flavor flavor) {
    return flavor == Flavor.MARIADB ? "Write_rows_v1" : "Write_rows";
  }

  private static Set<String> schemas(DatabaseServer server) throws SQLException {
    return server.query("SHOW DATABASES").stream()
        .map(row -> (String) row.get(0))
        .collect(Collectors.toSet());
  }
}
