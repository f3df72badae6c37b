package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Servers with non-default options, as precheck tests need them. */
class CustomOptionsTest {

  @RegisterExtension
  static final RealDatabases dbs =
      RealDatabases.builder()
          .sourceOptions(
              ServerOptions.defaults()
                  .withArgs("--binlog-format=STATEMENT", "--max-connections=77")
                  .withUser("replicator", "repl-pw", "SELECT ON *.*", "REPLICATION SLAVE ON *.*"))
          .targetOptions(ServerOptions.defaults().withoutBinlog())
          .build();

  @RegisterExtension static final RealDatabases shared = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void extraArgumentsOverrideTheDefaults(Flavor flavor) throws SQLException {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    assertThat(source.variable("binlog_format")).isEqualTo("STATEMENT");
    assertThat(source.variable("max_connections")).isEqualTo("77");
    assertThat(source.variable("log_bin")).isEqualTo("ON");
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void binaryLogCanBeOff(Flavor flavor) throws SQLException {
    DatabaseServer target = dbs.pair(flavor, flavor).target();
    assertThat(target.variable("log_bin")).isEqualTo("OFF");
    target.reset();
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void optionUserHasOnlyItsGrantsAndSurvivesReset(Flavor flavor) throws SQLException {
    DatabaseServer source = dbs.pair(flavor, flavor).source();
    source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");

    source.reset();

    assertThat(source.query("SHOW GRANTS FOR 'replicator'@'%'").toString())
        .contains("REPLICATION SLAVE")
        .contains("SELECT")
        .doesNotContain("INSERT");
    source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
    try (Connection connection = source.connect("replicator", "repl-pw");
        Statement statement = connection.createStatement()) {
      assertThat(Sql.rows(statement, "SELECT COUNT(*) FROM app.t")).hasSize(1);
      assertThatThrownBy(() -> statement.execute("INSERT INTO app.t VALUES (1)"))
          .isInstanceOf(SQLSyntaxErrorException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void customServersAreSeparateFromTheSharedOnes(Flavor flavor) {
    DatabasePair custom = dbs.pair(flavor, flavor);
    DatabasePair sharedPair = shared.pair(flavor, flavor);
    assertThat(List.of(custom.source(), custom.target()))
        .doesNotContain(sharedPair.source(), sharedPair.target());
    assertThat(List.of(custom.source().port(), custom.target().port()))
        .doesNotContain(sharedPair.source().port(), sharedPair.target().port());
  }
}
