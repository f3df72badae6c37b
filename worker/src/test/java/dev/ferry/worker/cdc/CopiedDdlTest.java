package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.position.Position;
import dev.ferry.worker.cdc.apply.CopyCutoff;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.DdlReader;
import dev.ferry.worker.sql.TableRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What of a DDL runs once the full-load copies of its tables are taken into account. */
class CopiedDdlTest {

  private static final Position BEFORE = new Position("binlog.000001", 100, null);
  private static final Position BOUNDARY = new Position("binlog.000001", 500, null);
  private static final Position AFTER = new Position("binlog.000001", 900, null);
  private static final TableRef ORDERS = new TableRef("shop", "orders");

  private final CopyCutoff copied = new CopyCutoff(Map.of(ORDERS, BOUNDARY));

  @Test
  void aDdlBeforeTheCopyBeganIsNotRunAgain() {
    DdlChange alter = DdlReader.classify("shop", "ALTER TABLE orders ADD COLUMN note TEXT");

    assertThat(CopiedDdl.remaining(alter, BEFORE, copied)).isEmpty();
    assertThat(CopiedDdl.remaining(alter, BOUNDARY, copied)).isEmpty();
    assertThat(CopiedDdl.remaining(alter, AFTER, copied)).containsExactly(alter);
  }

  @Test
  void aDdlOfTablesWithoutACopyRunsAsItIs() {
    DdlChange create = DdlReader.classify("shop", "CREATE TABLE fresh (id INT PRIMARY KEY)");

    assertThat(CopiedDdl.remaining(create, BEFORE, copied)).containsExactly(create);
  }

  @Test
  void aSwapIntoACopiedTableDropsTheShadowAndKeepsTheCopy() {
    DdlChange swap = DdlReader.classify("shop",
        "RENAME TABLE orders TO _orders_del, _orders_gho TO orders");

    assertThat(CopiedDdl.remaining(swap, BEFORE, copied)).extracting(DdlChange::sql)
        .containsExactly("DROP TABLE IF EXISTS `shop`.`_orders_gho`");
    assertThat(CopiedDdl.remaining(swap, AFTER, copied)).containsExactly(swap);
  }

  @Test
  void thePairsOfARenameThatNoCopyHoldsAreStillRenamed() {
    DdlChange rename = DdlReader.classify("shop",
        "RENAME TABLE orders TO orders_old, a TO b");

    assertThat(CopiedDdl.remaining(rename, BEFORE, copied)).extracting(DdlChange::sql)
        .containsExactly("RENAME TABLE `shop`.`a` TO `shop`.`b`");
  }
}
