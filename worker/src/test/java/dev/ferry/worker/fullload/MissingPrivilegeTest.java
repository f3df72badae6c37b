package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.db.MissingSecretException;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A privilege the task's user lacks is not retried for the Other window: the full load stops at
 * once as Fatal, names the denied table and says what to do.
 */
class MissingPrivilegeTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aTableTheUserMayNotReadStopsTheLoadAsFatalWithARemedy(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    pair.source().execute("CREATE DATABASE shop",
        "CREATE TABLE shop.open (id INT PRIMARY KEY)", "INSERT INTO shop.open VALUES (1)",
        "CREATE TABLE shop.secret (id INT PRIMARY KEY)", "INSERT INTO shop.secret VALUES (1)");
    pair.target().execute("CREATE DATABASE shop", "CREATE TABLE shop.open (id INT PRIMARY KEY)",
        "CREATE TABLE shop.secret (id INT PRIMARY KEY)");
    // INSERT makes the table visible to the user, who may not read it
    pair.source().createUser("loader", "loader-pw", "SELECT ON shop.open", "INSERT ON shop.secret",
        "LOCK TABLES ON shop.*",
        (flavor == Flavor.MARIADB ? "BINLOG MONITOR" : "REPLICATION CLIENT") + " ON *.*");
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "shop");
    Map<String, String> secrets = Map.of(
        "source-secret/username", "loader", "source-secret/password", "loader-pw",
        "target-secret/username", pair.target().adminUser(),
        "target-secret/password", pair.target().adminPassword());
    TaskContext context = new TaskContext("ns/denied-" + flavor, "run-1",
        new InMemoryStatusSink(spec, null), (name, key) -> {
          String value = secrets.get(name + "/" + key);
          if (value == null) {
            throw new MissingSecretException("no secret " + name + "/" + key);
          }
          return value;
        });

    assertThatThrownBy(() -> EnginePhases.load(context, 0, 1))
        .isInstanceOfSatisfying(FerryException.class, failure -> {
          assertThat(failure.failureClass()).isEqualTo(FailureClass.Fatal);
          assertThat(failure.getMessage()).contains("secret")
              .contains("grant the task's user the privilege named above on that table")
              .contains("apply the task again");
        });
  }
}
