package dev.ferry.worker.cdc.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.NameCase;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.catalog.EnumMembers;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.RowOperation;
import dev.ferry.worker.cdc.change.SourceColumn;
import dev.ferry.worker.cdc.change.TableSchema;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RowFilterTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.mariaDb();

  private static final TableRef ORDERS = new TableRef("shop", "orders");
  private static final TableSchema SCHEMA = new TableSchema(ORDERS, List.of(
      new SourceColumn("id", false), new SourceColumn("region", false),
      new SourceColumn("created", false)), List.of(0));

  @Test
  void keepsMatchingRowsAndTurnsUpdatesAcrossTheFilterIntoInsertsAndDeletes() throws Exception {
    TableRule rule = new TableRule();
    rule.setMatch("shop.orders");
    rule.setWhere("region = 'eu' AND created >= '2024-01-01'");
    TableMapping mapping = TableMapping.of(ORDERS, Optional.of(rule), NameCase.Keep);
    List<RowChange> changes = List.of(
        insert(1L, "eu", "2024-05-01 00:00:00"),
        insert(2L, "us", "2024-05-01 00:00:00"),
        insert(3L, null, "2024-05-01 00:00:00"),
        update(row(4L, "eu", "2024-02-01 00:00:00"), row(4L, "us", "2024-02-01 00:00:00")),
        update(row(5L, "us", "2024-02-01 00:00:00"), row(5L, "eu", "2024-02-01 00:00:00")),
        update(row(6L, "eu", "2024-02-01 00:00:00"), row(6L, "eu", "2024-03-01 00:00:00")),
        update(row(7L, "us", "2024-02-01 00:00:00"), row(7L, "us", "2024-03-01 00:00:00")),
        delete(8L, "eu", "2023-12-31 23:59:59.999999"),
        delete(9L, "eu", "2024-01-01 00:00:00"));

    try (Connection source = dbs.source().connect()) {
      List<RowChange> kept = new RowFilter(source).filter(mapping, changes);

      assertThat(kept).extracting(c -> c.operation() + " " + id(c)).containsExactly(
          "INSERT 1", "DELETE 4", "INSERT 5", "UPDATE 6", "DELETE 9");
    }
  }

  @Test
  void enumAndSetValuesCompareAsTheirTextAsInTheFullLoad() throws Exception {
    dbs.source().execute("CREATE DATABASE IF NOT EXISTS shop",
        "CREATE OR REPLACE TABLE shop.events (id BIGINT PRIMARY KEY,"
            + " kind ENUM('cart', 'view', 'it''s') NOT NULL, tags SET('a', 'b', 'c'))");
    TableRef events = new TableRef("shop", "events");
    TableSchema schema = new TableSchema(events, List.of(new SourceColumn("id", false),
        new SourceColumn("kind", false), new SourceColumn("tags", false)), List.of(0));
    TableRule rule = new TableRule();
    rule.setMatch("shop.events");
    rule.setWhere("kind <> 'view' AND FIND_IN_SET('b', tags) > 0");
    TableMapping mapping = TableMapping.of(events, Optional.of(rule), NameCase.Keep);
    // as the binlog reader delivers them: ENUM as its 1-based index, SET as a bitmask
    List<RowChange> changes = List.of(
        new RowChange(schema, RowOperation.INSERT, null, new Object[] {1L, 1L, 0b010L}),
        new RowChange(schema, RowOperation.INSERT, null, new Object[] {2L, 2L, 0b010L}),
        new RowChange(schema, RowOperation.INSERT, null, new Object[] {3L, 3L, 0b111L}),
        new RowChange(schema, RowOperation.INSERT, null, new Object[] {4L, 1L, 0b101L}),
        new RowChange(schema, RowOperation.UPDATE, new Object[] {5L, 1L, 0b010L},
            new Object[] {5L, 2L, 0b010L}));

    try (Connection source = dbs.source().connect()) {
      List<RowChange> kept = new RowFilter(source).filter(mapping, changes);

      assertThat(kept).extracting(c -> c.operation() + " " + id(c))
          .containsExactly("INSERT 1", "INSERT 3", "DELETE 5");
    } finally {
      dbs.source().execute("DROP TABLE shop.events");
    }
  }

  @Test
  void membersAreUnquotedAsInformationSchemaSpellsThem() {
    assertThat(EnumMembers.of("enum('cart','it''s','a,b','')"))
        .containsExactly("cart", "it's", "a,b", "");
    assertThat(EnumMembers.of("set('x')")).containsExactly("x");
  }

  @Test
  void tablesWithoutAFilterPassUnchanged() throws Exception {
    TableMapping mapping = TableMapping.of(ORDERS, Optional.empty(), NameCase.Keep);
    List<RowChange> changes = List.of(insert(1L, "us", "2020-01-01 00:00:00"));
    try (Connection source = dbs.source().connect()) {
      assertThat(new RowFilter(source).filter(mapping, changes)).isSameAs(changes);
    }
  }

  private static long id(RowChange change) {
    Object[] image = change.after() != null ? change.after() : change.before();
    return (Long) image[0];
  }

  private static Object[] row(Long id, String region, String created) {
    return new Object[] {id, region, created};
  }

  private static RowChange insert(Long id, String region, String created) {
    return new RowChange(SCHEMA, RowOperation.INSERT, null, row(id, region, created));
  }

  private static RowChange delete(Long id, String region, String created) {
    return new RowChange(SCHEMA, RowOperation.DELETE, row(id, region, created), null);
  }

  private static RowChange update(Object[] before, Object[] after) {
    return new RowChange(SCHEMA, RowOperation.UPDATE, before, after);
  }
}
