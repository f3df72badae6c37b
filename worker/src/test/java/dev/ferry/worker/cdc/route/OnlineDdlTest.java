package dev.ferry.worker.cdc.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.OnlineDdlPolicy;
import dev.ferry.api.v1alpha1.OnlineDdlSpec;
import dev.ferry.worker.sql.DdlChange.Kind;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.TableRef;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OnlineDdlTest {

  private static final TableRef ORDERS = new TableRef("shop", "orders");
  private static final TableRef GHO = new TableRef("shop", "_orders_gho");
  private static final TableRef GHC = new TableRef("shop", "_orders_ghc");
  private static final TableRef DEL = new TableRef("shop", "_orders_del");

  @Test
  void skipGhostAppliesTheShadowAlterToTheRealTableAtTheSwap() {
    OnlineDdl online = new OnlineDdl(spec(OnlineDdlPolicy.SkipGhost), Map.of());

    assertThat(online.onDdl(ddl(Kind.CREATE_TABLE, "CREATE TABLE _orders_ghc (id INT)", GHC)))
        .isEmpty();
    assertThat(online.onDdl(ddl(Kind.CREATE_TABLE, "CREATE TABLE _orders_gho LIKE orders",
        GHO))).isEmpty();
    DdlChange alter = ddl(Kind.ALTER_TABLE, "ALTER TABLE `_orders_gho` ADD COLUMN note TEXT",
        GHO);
    assertThat(online.onDdl(alter)).isEmpty();
    assertThat(online.replicatesRows(GHO)).isFalse();
    assertThat(online.replicatesRows(GHC)).isFalse();
    assertThat(online.replicatesRows(ORDERS)).isTrue();

    List<OnlineDdl.Rewrite> swap = online.onDdl(ddl(Kind.RENAME_TABLE,
        "RENAME TABLE orders TO _orders_del, _orders_gho TO orders", ORDERS, DEL, GHO, ORDERS));

    assertThat(swap).containsExactly(new OnlineDdl.Rewrite(alter, Map.of(GHO, ORDERS)));
    assertThat(online.onDdl(ddl(Kind.DROP_TABLE, "DROP TABLE _orders_del", DEL))).isEmpty();
    assertThat(online.onDdl(ddl(Kind.RENAME_TABLE, "RENAME TABLE a TO b",
        new TableRef("shop", "a"), new TableRef("shop", "b")))).hasSize(1);
  }

  @Test
  void alterRestoredAfterARestartIsAppliedAtTheSwapAndAReplayedAlterOnlyOnce() {
    DdlChange alter = ddl(Kind.ALTER_TABLE, "ALTER TABLE _orders_gho ADD x INT", GHO);
    OnlineDdl online = new OnlineDdl(spec(OnlineDdlPolicy.SkipGhost),
        Map.of(GHO, List.of(alter)));
    assertThat(online.onDdl(alter)).as("the ALTER replayed after the restart").isEmpty();
    assertThat(online.pendingAlters()).isEqualTo(Map.of(GHO, List.of(alter)));

    assertThat(online.onDdl(ddl(Kind.RENAME_TABLE, "RENAME TABLE orders TO _orders_del,"
        + " _orders_gho TO orders", ORDERS, DEL, GHO, ORDERS)))
        .containsExactly(new OnlineDdl.Rewrite(alter, Map.of(GHO, ORDERS)));
    assertThat(online.pendingAlters()).isEmpty();
  }

  @Test
  void aDroppedShadowForgetsItsAlters() {
    OnlineDdl online = new OnlineDdl(spec(OnlineDdlPolicy.SkipGhost), Map.of());
    online.onDdl(ddl(Kind.ALTER_TABLE, "ALTER TABLE _orders_gho ADD x INT", GHO));
    online.onDdl(ddl(Kind.DROP_TABLE, "DROP TABLE _orders_gho", GHO));

    assertThat(online.onDdl(ddl(Kind.RENAME_TABLE, "RENAME TABLE orders TO _orders_del,"
        + " _orders_gho TO orders", ORDERS, DEL, GHO, ORDERS))).isEmpty();
  }

  @Test
  void migrateReplicatesEverythingAsIs() {
    OnlineDdl online = new OnlineDdl(spec(OnlineDdlPolicy.Migrate), Map.of());
    DdlChange alter = ddl(Kind.ALTER_TABLE, "ALTER TABLE _orders_gho ADD x INT", GHO);

    assertThat(online.replicatesRows(GHO)).isTrue();
    assertThat(online.onDdl(alter)).containsExactly(new OnlineDdl.Rewrite(alter, Map.of()));
  }

  private static OnlineDdlSpec spec(OnlineDdlPolicy policy) {
    OnlineDdlSpec spec = new OnlineDdlSpec();
    spec.setPolicy(policy);
    return spec;
  }

  private static DdlChange ddl(Kind kind, String sql, TableRef... tables) {
    return new DdlChange("shop", sql, kind,
        Stream.of(tables).map(t -> new TableRef(t.schema(), t.table())).toList());
  }
}
