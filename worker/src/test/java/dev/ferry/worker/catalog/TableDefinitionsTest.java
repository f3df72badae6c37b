package dev.ferry.worker.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Fingerprints of table definitions: equal definitions, equal fingerprints. */
class TableDefinitionsTest {

  private static final String TABLE = "CREATE TABLE `t` (\n  `id` int NOT NULL AUTO_INCREMENT,\n"
      + "  PRIMARY KEY (`id`)\n) ENGINE=InnoDB%s DEFAULT CHARSET=utf8mb4";

  @Test
  void theAutoIncrementCounterIsNotPartOfTheDefinition() {
    assertThat(TableDefinitions.fingerprint(TABLE.formatted(" AUTO_INCREMENT=12")))
        .isEqualTo(TableDefinitions.fingerprint(TABLE.formatted(" AUTO_INCREMENT=9000")))
        .isEqualTo(TableDefinitions.fingerprint(TABLE.formatted("")));
  }

  @Test
  void anyOtherDifferenceIs() {
    assertThat(TableDefinitions.fingerprint(TABLE.formatted("")))
        .isNotEqualTo(TableDefinitions.fingerprint(TABLE.formatted("").replace("int", "bigint")))
        .isNotEqualTo(TableDefinitions.fingerprint(TABLE.formatted("")
            .replace("PRIMARY KEY (`id`)", "PRIMARY KEY (`id`),\n  KEY `k` (`id`)")));
  }
}
