package dev.ferry.worker.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.CheckResult;
import dev.ferry.api.v1alpha1.GtidUsage;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.PrecheckItem;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The GtidMode item says which way the task follows the source's binlog and why, for each
 * {@code gtid} usage, on a source whose GTID sets order its positions and on one whose do not
 * (MySQL: gtid_mode stepped down to OFF_PERMISSIVE; MariaDB: a domain's sequence gone backwards
 * with gtid_strict_mode OFF).
 */
class GtidModeCheckTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void saysWhichWayTheTaskFollowsTheBinlogAndRefusesRequiredWithoutOrderedGtids(Flavor flavor)
      throws SQLException {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    DatabaseServer source = pair.source();
    source.execute("CREATE DATABASE shop", "CREATE TABLE shop.item (id INT PRIMARY KEY)",
        "INSERT INTO shop.item VALUES (1)");
    boolean mariaDb = flavor == Flavor.MARIADB;

    assertThat(item(pair, GtidUsage.Auto)).satisfies(item -> {
      assertThat(item.getResult()).isEqualTo(CheckResult.Pass);
      assertThat(item.getMessage()).contains("followed by").contains("GTID (gtid: Auto)");
    });
    assertThat(item(pair, GtidUsage.Required).getResult()).isEqualTo(CheckResult.Pass);
    assertThat(item(pair, GtidUsage.Disabled).getMessage())
        .contains("followed by file and position (gtid: Disabled)");

    try {
      if (mariaDb) {
        source.execute("SET SESSION server_id = 4242", "SET SESSION gtid_seq_no = 1",
            "INSERT INTO shop.item VALUES (2)");
      } else {
        source.execute("SET GLOBAL gtid_mode = 'ON_PERMISSIVE'",
            "SET GLOBAL gtid_mode = 'OFF_PERMISSIVE'", "INSERT INTO shop.item VALUES (2)");
      }
      assertThat(item(pair, GtidUsage.Auto)).satisfies(item -> {
        assertThat(item.getResult()).isEqualTo(CheckResult.Warn);
        assertThat(item.getMessage()).contains("followed by file and position (gtid: Auto)")
            .contains(mariaDb ? "went backwards" : "gtid_mode is OFF_PERMISSIVE");
        assertThat(item.getRemedy()).contains(mariaDb ? "gtid_strict_mode=ON" : "gtid_mode");
      });
      assertThat(item(pair, GtidUsage.Required)).satisfies(item -> {
        assertThat(item.getResult()).isEqualTo(CheckResult.Fail);
        assertThat(item.getMessage()).contains("gtid: Required");
        assertThat(item.getRemedy()).contains("gtid: Auto or Disabled");
      });
      assertThat(item(pair, GtidUsage.Disabled).getResult()).isEqualTo(CheckResult.Pass);
    } finally {
      if (!mariaDb) {
        source.execute("SET GLOBAL gtid_mode = 'ON_PERMISSIVE'", "SET GLOBAL gtid_mode = 'ON'");
      }
    }
  }

  /** The GtidMode item of a precheck with {@code usage}. */
  private static PrecheckItem item(DatabasePair pair, GtidUsage usage) {
    PrecheckFixture task = new PrecheckFixture(pair, Mode.All);
    task.spec().getSources().get(0).setGtid(usage);
    if (usage == GtidUsage.Required) {
      try {
        task.run();
      } catch (PrecheckFailedException failed) {
        assertThat(failed.getMessage()).contains("GtidMode");
      }
    } else {
      task.run();
    }
    return task.item("GtidMode");
  }
}
