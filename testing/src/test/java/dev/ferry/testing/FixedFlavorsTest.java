package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A class with fixed flavours gets started, clean servers before its first test. */
class FixedFlavorsTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.of(Flavor.MYSQL, Flavor.MARIADB);

  @BeforeAll
  static void serversAreRunningAndCleanBeforeTheFirstTest() throws SQLException {
    for (DatabaseServer server : new DatabaseServer[] {dbs.source(), dbs.target()}) {
      assertThat(server.isRunning()).isTrue();
      assertThat(
              server.query("SHOW DATABASES").stream()
                  .map(row -> (String) row.get(0))
                  .collect(Collectors.toSet()))
          .isEqualTo(server.flavor().systemSchemas());
    }
    dbs.source().execute("CREATE DATABASE fixed");
  }

  @Test
  void sourceAndTargetHaveTheGivenFlavours() throws SQLException {
    assertThat(dbs.source().flavor()).isEqualTo(Flavor.MYSQL);
    assertThat(dbs.source().version()).isEqualTo("8.0.31");
    assertThat(dbs.target().flavor()).isEqualTo(Flavor.MARIADB);
    assertThat(dbs.target().version()).contains("MariaDB");
    assertThat(dbs.source().serverId()).isNotEqualTo(dbs.target().serverId());
  }

  @Test
  void testsOfOneClassShareData() throws SQLException {
    assertThat(dbs.pair().source().query("SHOW DATABASES LIKE 'fixed'")).hasSize(1);
  }

  @Nested
  class NestedClass {
    @Test
    void continuesWithTheDataOfTheEnclosingClass() throws SQLException {
      assertThat(dbs.source().query("SHOW DATABASES LIKE 'fixed'")).hasSize(1);
    }
  }

  @Test
  void pairWithoutFlavoursOrRegistrationIsRejected() {
    assertThatThrownBy(() -> RealDatabases.anyFlavor().pair())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No flavours");
    assertThatThrownBy(() -> RealDatabases.anyFlavor().pair(Flavor.MYSQL, Flavor.MYSQL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@RegisterExtension");
  }
}
