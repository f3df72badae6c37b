package dev.ferry.api.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.ObjectsSpec;
import dev.ferry.api.v1alpha1.OnlineDdlPolicy;
import dev.ferry.api.v1alpha1.TableRule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ObjectFilterTest {

  @ParameterizedTest(name = "{0} matches {1}.{2}: {3}")
  @CsvSource({
      "shop.orders, shop, orders, true",
      "shop.orders, shop, orders2, false",
      "shop.orders, shop, Orders, false",
      "shop, shop, anything, true",
      "shop, shopping, t, false",
      "shop.*, shop, t, true",
      "shop_*.order?, shop_01, orders, true",
      "shop_*.order?, shop_01, order, false",
      "*.*, any, table, true",
      "a+b.c, a+b, c, true",
      "a+b.c, aab, c, false",
      "'~^shard_\\d+\\.orders$', shard_12, orders, true",
      "'~^shard_\\d+\\.orders$', shard_x, orders, false",
      "'~orders', shop, old_orders_2020, true",
      "'~^my\\.db\\.t$', my.db, t, true",
  })
  void matchesLikeTheBlockAllowList(String pattern, String schema, String table, boolean match) {
    assertThat(TablePattern.parse(pattern).matches(schema, table)).isEqualTo(match);
  }

  @ParameterizedTest
  @CsvSource({"'', is empty", "a.b.c, more than one dot", ".t, empty schema or table",
      "'~(', not a valid regular expression"})
  void rejectsMalformedPatterns(String pattern, String message) {
    assertThatThrownBy(() -> TablePattern.parse(pattern)).hasMessageContaining(message);
  }

  @Test
  void emptyIncludeMeansEveryUserSchemaButNeverSystemOrFerrySchemas() {
    MigrationTaskSpec task = new MigrationTaskSpec();
    ObjectFilter filter = ObjectFilter.of(task);

    assertThat(filter.includes("shop", "orders")).isTrue();
    assertThat(filter.includes("ferry", "heartbeat")).as("heartbeat off: a user schema").isTrue();
    assertThat(filter.includes("mysql", "user")).isFalse();
    assertThat(filter.includes("INFORMATION_SCHEMA", "TABLES")).isFalse();
    assertThat(filter.includes("performance_schema", "threads")).isFalse();
    assertThat(filter.includes("sys", "x")).isFalse();
    assertThat(filter.includes(ObjectFilter.META_SCHEMA, "checkpoints")).isFalse();
    task.getIncremental().getHeartbeat().setEnabled(true);
    assertThat(ObjectFilter.of(task).includes("ferry", "heartbeat")).isFalse();
  }

  @Test
  void skipGhostLeavesTheToolsShadowAndHelperTablesOut() {
    MigrationTaskSpec task = new MigrationTaskSpec();
    assertThat(ObjectFilter.of(task).includes("shop", "_orders_gho")).isTrue();
    task.getIncremental().getOnlineDdl().setPolicy(OnlineDdlPolicy.SkipGhost);
    ObjectFilter filter = ObjectFilter.of(task);

    assertThat(filter.includes("shop", "_orders_gho")).isFalse();
    assertThat(filter.includes("shop", "_orders_ghc")).isFalse();
    assertThat(filter.includes("shop", "_orders_old")).isFalse();
    assertThat(filter.includes("shop", "orders")).isTrue();
  }

  @Test
  void excludeWinsOverInclude() {
    ObjectsSpec spec = new ObjectsSpec();
    spec.setInclude(List.of("migrate_me", "crm.customers"));
    spec.setExclude(List.of("migrate_me.tmp_*", "~_(gho|ghc)$"));
    ObjectFilter filter = ObjectFilter.of(task(spec));

    assertThat(filter.includes("migrate_me", "orders")).isTrue();
    assertThat(filter.includes("migrate_me", "tmp_1")).isFalse();
    assertThat(filter.includes("migrate_me", "_orders_gho")).isFalse();
    assertThat(filter.includes("crm", "customers")).isTrue();
    assertThat(filter.includes("crm", "leads")).isFalse();
    assertThat(filter.includes("ignore_me", "orders")).isFalse();
  }

  @Test
  void theFirstMatchingRuleApplies() {
    ObjectsSpec spec = new ObjectsSpec();
    spec.setRules(List.of(rule("shop.orders", "orders_v2"), rule("shop.*", "generic")));
    ObjectFilter filter = ObjectFilter.of(task(spec));

    assertThat(filter.ruleFor("shop", "orders")).get().extracting(TableRule::getTargetTable)
        .isEqualTo("orders_v2");
    assertThat(filter.ruleFor("shop", "items")).get().extracting(TableRule::getTargetTable)
        .isEqualTo("generic");
    assertThat(filter.ruleFor("crm", "items")).isEmpty();
  }

  private static MigrationTaskSpec task(ObjectsSpec objects) {
    MigrationTaskSpec task = new MigrationTaskSpec();
    task.setObjects(objects);
    return task;
  }

  private static TableRule rule(String match, String targetTable) {
    TableRule rule = new TableRule();
    rule.setMatch(match);
    rule.setTargetTable(targetTable);
    return rule;
  }
}
