package dev.ferry.worker.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ENUM error value is written under a strict session, and nothing else slips through while
 * strict mode is off for it.
 */
class EnumErrorWritesTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final String STRICT = "STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION";

  @Test
  void relaxedDropsOnlyStrictMode() {
    assertThat(EnumErrorWrites.relaxed("STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,"
        + "STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO"))
        .isEqualTo("ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_VALUE_ON_ZERO");
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void writesTheErrorValueAndRefusesAnyOtherTruncation(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    pair.target().execute("CREATE DATABASE en",
        "CREATE TABLE en.t (id INT PRIMARY KEY, e ENUM('a', 'b'), v VARCHAR(5))");
    try (Connection target = pair.target().connect()) {
      setSqlMode(target, STRICT);
      assertThatThrownBy(() -> insert(target, 1, 0, "ok")).as("strict mode refuses it")
          .isInstanceOf(SQLException.class);

      assertThat(EnumErrorWrites.run(target, STRICT, Set.of("e"),
          () -> insert(target, 1, 0, "ok"))).isEqualTo(1);
      assertThat(pair.target().query("SELECT CONCAT_WS(':', id, e + 0, e = '', v) FROM en.t"))
          .containsExactly(List.of("1:0:1:ok"));
      assertThat(sqlMode(target)).as("strict mode is back").isEqualTo(STRICT);

      assertThatThrownBy(() -> EnumErrorWrites.run(target, STRICT, Set.of("e"),
          () -> insert(target, 2, 0, "far too long")))
          .hasMessageContaining("values did not fit the target table")
          .hasMessageContaining("'v'");
      assertThat(sqlMode(target)).isEqualTo(STRICT);
    }
  }

  private static int insert(Connection target, int id, int e, String v) throws SQLException {
    try (PreparedStatement statement =
        target.prepareStatement("INSERT INTO en.t VALUES (?, ?, ?)")) {
      statement.setInt(1, id);
      statement.setInt(2, e);
      statement.setString(3, v);
      return statement.executeUpdate();
    }
  }

  private static void setSqlMode(Connection connection, String mode) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SET SESSION sql_mode = ?")) {
      statement.setString(1, mode);
      statement.execute();
    }
  }

  private static String sqlMode(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@SESSION.sql_mode")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
