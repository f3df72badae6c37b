package dev.ferry.worker.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.CheckResult;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.PrecheckItem;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The precheck names foreign keys with cascading rules that join a migrated table to one that
 * is not (a child in an excluded schema, a parent that is excluded): the target cannot repeat
 * those cascades.
 */
class CascadeCheckTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void warnsAboutCascadesThatLeaveTheMigratedTables(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    pair.source().execute("CREATE DATABASE shop", "CREATE DATABASE crm",
        "CREATE TABLE shop.item (id INT PRIMARY KEY)",
        "CREATE TABLE shop.line (id INT PRIMARY KEY, item_id INT, CONSTRAINT fk_line"
            + " FOREIGN KEY (item_id) REFERENCES shop.item (id) ON DELETE CASCADE)",
        "CREATE TABLE shop.note (id INT PRIMARY KEY, item_id INT, CONSTRAINT fk_note"
            + " FOREIGN KEY (item_id) REFERENCES shop.item (id) ON DELETE RESTRICT)",
        "CREATE TABLE crm.contact (id INT PRIMARY KEY)",
        "CREATE TABLE shop.owner (id INT PRIMARY KEY, contact_id INT, CONSTRAINT fk_owner"
            + " FOREIGN KEY (contact_id) REFERENCES crm.contact (id) ON DELETE SET NULL)",
        "CREATE TABLE crm.wish (id INT PRIMARY KEY, item_id INT, CONSTRAINT fk_wish"
            + " FOREIGN KEY (item_id) REFERENCES shop.item (id) ON UPDATE CASCADE)");
    try {
      checkCascades(new PrecheckFixture(pair, Mode.All));
    } finally {
      pair.source().execute("DROP TABLE crm.wish", "DROP TABLE shop.owner");
    }
  }

  private static void checkCascades(PrecheckFixture task) {
    task.run();

    PrecheckItem item = task.item("ForeignKeyCascades");
    assertThat(item.getResult()).isEqualTo(CheckResult.Warn);
    assertThat(item.getMessage()).contains("fk_owner (shop.owner → crm.contact")
        .contains("parent not migrated").contains("fk_wish (crm.wish → shop.item")
        .contains("child not migrated").doesNotContain("fk_line").doesNotContain("fk_note");
    assertThat(item.getRemedy()).contains("spec.objects");

    task.spec().getObjects().setInclude(List.of("shop", "crm"));
    task.run();
    assertThat(task.item("ForeignKeyCascades").getResult()).isEqualTo(CheckResult.Pass);
  }
}
