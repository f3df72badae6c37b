package dev.ferry.worker.cdc.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.ColumnRename;
import dev.ferry.api.v1alpha1.DdlOperation;
import dev.ferry.api.v1alpha1.DmlOperation;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.NameCase;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReverseMappingTest {

  private static final TableRef CUSTOMERS = new TableRef("crm", "Customers");
  private static final TableRef CLIENTS = new TableRef("sales", "clients");

  @Test
  void mapsTheTargetTableAndItsRenamedColumnsBackToTheSource() {
    ReverseMapping reverse = ReverseMapping.of(List.of(renamed(NameCase.Keep)));

    TableMapping back = reverse.mapping(CLIENTS).orElseThrow();

    assertThat(back.source()).isEqualTo(CLIENTS);
    assertThat(back.target()).isEqualTo(CUSTOMERS);
    assertThat(back.targetColumn("full_name")).isEqualTo("name");
    assertThat(back.targetColumn("FULL_NAME")).as("column names are case-insensitive")
        .isEqualTo("name");
    assertThat(back.targetColumn("region")).as("columns that were not renamed keep their name")
        .isEqualTo("region");
    assertThat(reverse.carriesBack(CLIENTS)).isTrue();
  }

  @Test
  void invertsTheNameCasePolicyThroughTheSourceCatalogNames() {
    ReverseMapping reverse = ReverseMapping.of(List.of(renamed(NameCase.Upper)));

    TableMapping back = reverse.mapping(new TableRef("SALES", "CLIENTS")).orElseThrow();

    assertThat(back.target()).isEqualTo(CUSTOMERS);
    assertThat(back.targetColumn("FULL_NAME")).isEqualTo("name");
    assertThat(reverse.mapping(CLIENTS)).as("the target only has the upper-case names")
        .isEmpty();
  }

  @Test
  void carriesEveryOperationBackWhateverTheForwardRuleFiltered() {
    TableRule rule = new TableRule();
    rule.setMatch("crm.audit");
    rule.setWhere("region = 'eu'");
    rule.setOperations(new ArrayList<>(List.of(DmlOperation.Insert)));
    rule.setDdl(new ArrayList<>(List.of(DdlOperation.Alter)));
    TableRef audit = new TableRef("crm", "audit");

    TableMapping back = ReverseMapping.of(List.of(TableMapping.of(audit, Optional.of(rule),
        NameCase.Keep))).mapping(audit).orElseThrow();

    assertThat(back.where()).isNull();
    assertThat(back.operations()).isEqualTo(EnumSet.allOf(DmlOperation.class));
    assertThat(back.ddl()).as("the rule's DDL kinds still apply")
        .containsExactly(DdlOperation.Alter);
  }

  @Test
  void tablesNoMigratedTableLandsOnAreNotCarriedBack() {
    ReverseMapping reverse = ReverseMapping.of(List.of(renamed(NameCase.Keep),
        TableMapping.of(new TableRef("crm", "notes"), Optional.empty(), NameCase.Keep)));

    assertThat(reverse.mapping(CUSTOMERS)).as("the source name of a renamed table").isEmpty();
    assertThat(reverse.carriesBack(new TableRef("ferry_meta", "cdc_checkpoints"))).isFalse();
    assertThat(reverse.carriesBack(new TableRef("sales", "scratch"))).isFalse();
    assertThat(reverse.carriesBack(new TableRef("crm", "notes"))).isTrue();
    assertThat(reverse.size()).isEqualTo(2);
  }

  @Test
  void twoSourceTablesOnOneTargetTableAreRefused() {
    TableRule merge = new TableRule();
    merge.setMatch("shard_*.orders");
    merge.setTargetSchema("shop");
    List<TableMapping> forward = List.of(
        TableMapping.of(new TableRef("shard_1", "orders"), Optional.of(merge), NameCase.Keep),
        TableMapping.of(new TableRef("shard_2", "orders"), Optional.of(merge), NameCase.Keep));

    assertThatThrownBy(() -> ReverseMapping.of(forward))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("shard_1.orders and shard_2.orders are both migrated into target"
            + " table shop.orders")
        .hasMessageContaining("spec.cutover.reverse: false")
        .satisfies(e -> assertThat(((FerryException) e).failureClass())
            .isEqualTo(FailureClass.Fatal));
  }

  private static TableMapping renamed(NameCase nameCase) {
    TableRule rule = new TableRule();
    rule.setMatch("crm.Customers");
    rule.setTargetSchema("sales");
    rule.setTargetTable("clients");
    ColumnRename rename = new ColumnRename();
    rename.setFrom("Name");
    rename.setTo("full_name");
    rule.getColumns().add(rename);
    return TableMapping.of(CUSTOMERS, Optional.of(rule), nameCase);
  }
}
