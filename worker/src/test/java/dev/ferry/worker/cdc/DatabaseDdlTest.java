package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.DdlOperation;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.worker.cdc.route.OnlineDdl;
import dev.ferry.worker.cdc.route.TableRouter;
import dev.ferry.worker.sql.DdlReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Which CREATE/DROP DATABASE statements reach the target, and under which name: databases
 * migrated whole only, renamed by a rule for the whole database, as that rule's ddl list allows.
 */
class DatabaseDdlTest {

  private static final TableRouter ROUTER = router();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "CREATE DATABASE shop | CREATE DATABASE `shop_v2`",
      "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 */"
          + " | CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop_v2` /*!40100 DEFAULT CHARACTER"
          + " SET utf8mb4 */",
      "DROP SCHEMA IF EXISTS crm | DROP SCHEMA IF EXISTS `crm`",
      "CREATE OR REPLACE DATABASE crm CHARACTER SET latin1"
          + " | CREATE OR REPLACE DATABASE `crm` CHARACTER SET latin1",
      "CREATE DATABASE legacy | CREATE DATABASE `legacy`",
      "DROP DATABASE legacy |",
      "CREATE DATABASE sales |",
      "DROP DATABASE elsewhere |",
      "CREATE DATABASE mysql |",
  })
  void migratedDatabasesOnlyUnderTheirTargetName(String sql, String expected) {
    Optional<String> target = DatabaseDdl.rewrite(DdlReader.classify(null, sql),
        ROUTER::mapping, LoggerFactory.getLogger(DatabaseDdlTest.class));

    assertThat(target).isEqualTo(Optional.ofNullable(expected));
  }

  /** shop (renamed shop_v2), crm and legacy whole (legacy: Create only), sales.orders alone. */
  private static TableRouter router() {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.getObjects().setInclude(List.of("shop", "crm.*", "~^legacy\\.", "sales.orders"));
    spec.getObjects().setExclude(List.of("crm.tmp_*"));
    TableRule shop = new TableRule();
    shop.setMatch("shop");
    shop.setTargetSchema("shop_v2");
    TableRule legacy = new TableRule();
    legacy.setMatch("legacy.*");
    legacy.setDdl(List.of(DdlOperation.Create));
    spec.getObjects().getRules().addAll(List.of(shop, legacy));
    return new TableRouter(spec, new OnlineDdl(spec.getIncremental().getOnlineDdl(), Map.of()));
  }
}
