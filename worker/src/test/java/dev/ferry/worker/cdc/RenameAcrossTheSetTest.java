package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.NameCase;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.DdlReader;
import dev.ferry.worker.sql.TableRef;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RenameAcrossTheSetTest {

  /** shop.* migrates except tmp* tables. */
  private static final Function<TableRef, Optional<TableMapping>> MAPPINGS =
      table -> table.schema().equals("shop") && !table.table().startsWith("tmp")
          ? Optional.of(TableMapping.of(table, Optional.empty(), NameCase.Keep))
          : Optional.empty();

  private static List<String> split(String sql) {
    return RenameAcrossTheSet.split(DdlReader.classify("shop", sql), MAPPINGS, "pos 4",
        LoggerFactory.getLogger(RenameAcrossTheSetTest.class)).stream().map(DdlChange::sql)
        .toList();
  }

  @Test
  void renamesWithinOrOutsideTheSetStayAsTheyAre() {
    assertThat(split("RENAME TABLE a TO a_old, a_new TO a, tmp1 TO tmp2"))
        .containsExactly("RENAME TABLE a TO a_old, a_new TO a, tmp1 TO tmp2");
    assertThat(split("ALTER TABLE a ADD x INT, RENAME TO b"))
        .containsExactly("ALTER TABLE a ADD x INT, RENAME TO b");
  }

  @Test
  void aTableLeavingTheSetIsDroppedAndTheOtherPairsStayInOrder() {
    assertThat(split("RENAME TABLE a TO tmp_a, b TO a, tmp_x TO tmp_y"))
        .containsExactly("DROP TABLE IF EXISTS `shop`.`a`",
            "RENAME TABLE `shop`.`b` TO `shop`.`a`");
    assertThat(split("ALTER TABLE a ADD x INT, RENAME TO other.a"))
        .containsExactly("DROP TABLE IF EXISTS `shop`.`a`");
  }

  @Test
  void aTableEnteringTheSetStopsTheTaskNamingTheStatement() {
    assertThatThrownBy(() -> split("RENAME TABLE tmp_a TO a"))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("'RENAME TABLE tmp_a TO a' at pos 4")
        .hasMessageContaining("cannot copy a table");
  }
}
