package dev.ferry.worker.cdc.apply;

import static dev.ferry.worker.cdc.apply.ApplyFixture.delete;
import static dev.ferry.worker.cdc.apply.ApplyFixture.insert;
import static dev.ferry.worker.cdc.apply.ApplyFixture.row;
import static dev.ferry.worker.cdc.apply.ApplyFixture.rows;
import static dev.ferry.worker.cdc.apply.ApplyFixture.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.ColumnRename;
import dev.ferry.api.v1alpha1.DmlOperation;
import dev.ferry.api.v1alpha1.NameCase;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.cdc.change.SourceColumn;
import dev.ferry.worker.cdc.change.TableSchema;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Table mappings, operation filters, generated columns and tables without a key. */
class ApplyMappingTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final TableRef ITEM = new TableRef("shop", "item");
  private static final TableRef OTHER = new TableRef("shop", "other");
  private static final TableRef LOG = new TableRef("apply_map", "log");

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void appliesThroughRenamesAndOperationFiltersSkippingGeneratedColumns(Flavor flavor)
      throws Exception {
    DatabaseServer target = dbs.pair(flavor, flavor).target();
    target.execute("DROP DATABASE IF EXISTS apply_map", "CREATE DATABASE apply_map",
        "CREATE TABLE apply_map.goods (gid BIGINT PRIMARY KEY, title VARCHAR(40),"
            + " total INT, doubled INT GENERATED ALWAYS AS (total * 2) STORED)");
    TableRule rule = new TableRule();
    rule.setMatch("shop.item");
    rule.setTargetSchema("apply_map");
    rule.setTargetTable("Goods");
    rule.setColumns(new ArrayList<>(List.of(rename("id", "gid"), rename("NAME", "title"),
        rename("qty", "total"))));
    rule.setOperations(new ArrayList<>(List.of(DmlOperation.Insert, DmlOperation.Update)));
    TableMapping mapping = TableMapping.of(ITEM, Optional.of(rule), NameCase.Lower);
    Map<TableRef, TableMapping> mappings = Map.of(ITEM, mapping);
    TableSchema items = new TableSchema(ITEM, List.of(new SourceColumn("id", false),
        new SourceColumn("name", false), new SourceColumn("qty", false),
        new SourceColumn("doubled", true)), List.of(0));
    TableSchema others = ApplyFixture.schema(OTHER, List.of("id"), 0);

    TaskContext context = ApplyFixture.context("mapping-" + flavor,
        new InMemoryStatusSink(ApplyFixture.spec(target, 2, 100), null), target);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(false);
    try (Database pool = ApplyFixture.targetPool(context);
        ChangeApplier applier = new ChangeApplier(context, ApplyFixture.SOURCE, pool,
            mappings::get, ddl -> { })) {
      applier.resume(stream.position());
      applier.submit(stream.tx(insert(items, 1L, "one", 10L, 999L), insert(others, 5L),
          insert(items, 2L, "two", 20L, 999L)), false);
      applier.submit(stream.tx(update(items, row(1L, "one", 10L, 999L),
          row(1L, "uno", 11L, 999L))), false);
      applier.submit(stream.tx(delete(items, 2L, "two", 20L, 999L)), false);
      applier.submit(stream.tx(insert(others, 6L)), false);
      applier.flush();
      assertThat(rows(target, "SELECT gid, title, total, doubled FROM apply_map.goods"
          + " ORDER BY gid")).containsExactly(List.of(1L, "uno", 11L, 22L),
              List.of(2L, "two", 20L, 40L));
      assertThat(applier.lowWatermark()).isEqualTo(stream.position());
    }
  }

  @Test
  void tablesWithoutKeyMatchOneRowOnAllColumns() throws Exception {
    DatabaseServer target = dbs.pair(Flavor.MARIADB, Flavor.MARIADB).target();
    target.execute("DROP DATABASE IF EXISTS apply_map", "CREATE DATABASE apply_map",
        "CREATE TABLE apply_map.log (a INT, b VARCHAR(10))");
    TableSchema logs = ApplyFixture.schema(LOG, List.of("a", "b"));
    TaskContext context = ApplyFixture.context("keyless",
        new InMemoryStatusSink(ApplyFixture.spec(target, 3, 100), null), target);
    ApplyFixture.Stream stream = new ApplyFixture.Stream(false);
    String all = "SELECT a, b FROM apply_map.log ORDER BY a, b";
    try (Database pool = ApplyFixture.targetPool(context);
        ChangeApplier applier = new ChangeApplier(context, ApplyFixture.SOURCE, pool,
            ApplyFixture.identity(LOG), ddl -> { })) {
      applier.resume(stream.position());
      applier.submit(stream.tx(insert(logs, 1L, "x"), insert(logs, 1L, "x"),
          insert(logs, 2L, null)), false);
      applier.submit(stream.tx(update(logs, row(1L, "x"), row(1L, "y"))), false);
      applier.submit(stream.tx(update(logs, row(2L, null), row(3L, null))), false);
      applier.flush();
      assertThat(rows(target, all)).containsExactly(List.of(1L, "x"), List.of(1L, "y"),
          Nulls.row(3L, null));

      applier.submit(stream.tx(insert(logs, 1L, "x"), update(logs, row(3L, null),
          row(4L, "z"))), true);
      applier.flush();
      assertThat(rows(target, all))
          .as("no safe mode without a key: an identical row is a row of its own")
          .containsExactly(List.of(1L, "x"), List.of(1L, "x"), List.of(1L, "y"), List.of(4L, "z"));

      applier.submit(stream.tx(delete(logs, 1L, "y")), false);
      applier.flush();
      applier.submit(stream.tx(delete(logs, 1L, "y")), false);
      assertThatThrownBy(applier::flush).isInstanceOf(FerryException.class)
          .hasMessageContaining("`apply_map`.`log`").hasMessageContaining("`b`='y'");
    }
    assertThat(rows(target, all)).containsExactly(List.of(1L, "x"), List.of(1L, "x"),
        List.of(4L, "z"));
  }

  private static ColumnRename rename(String from, String to) {
    ColumnRename rename = new ColumnRename();
    rename.setFrom(from);
    rename.setTo(to);
    return rename;
  }

  /** Rows with NULLs, which {@code List.of} does not allow. */
  private static final class Nulls {
    static List<Object> row(Object... values) {
      return java.util.Arrays.asList(values);
    }
  }
}
