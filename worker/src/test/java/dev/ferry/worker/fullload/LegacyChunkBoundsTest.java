package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A load planned with the legacy (lower, upper] chunk bounds resumes to an exact copy. */
class LegacyChunkBoundsTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  /** The ledger as loads before the one bound convention created it. */
  private static final String LEGACY_LEDGER = "CREATE TABLE ferry_meta.fullload_chunks ("
      + " task_id VARCHAR(320) NOT NULL, source_name VARCHAR(63) NOT NULL,"
      + " table_schema VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL,"
      + " chunk_no INT NOT NULL, ordinal BIGINT NOT NULL,"
      + " lower_bound LONGTEXT NULL COMMENT 'JSON array of key values, exclusive',"
      + " upper_bound LONGTEXT NULL COMMENT 'JSON array of key values, inclusive',"
      + " state VARCHAR(16) NOT NULL, rows_copied BIGINT NOT NULL DEFAULT 0,"
      + " bytes_copied BIGINT NOT NULL DEFAULT 0,"
      + " updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
      + " ON UPDATE CURRENT_TIMESTAMP(6),"
      + " PRIMARY KEY (task_id, source_name, table_schema, table_name, chunk_no),"
      + " KEY ordinal_idx (task_id, ordinal)"
      + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aLegacyLedgerResumesWithoutLosingTheBoundaryRows(Flavor flavor) throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    String table = "CREATE TABLE old.t (id INT NOT NULL PRIMARY KEY, v VARCHAR(10))";
    pair.source().execute("CREATE DATABASE old", table, "INSERT INTO old.t VALUES (1, 'a'),"
        + " (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f'), (7, 'g'), (8, 'h'), (9, 'i'),"
        + " (10, 'j')");
    pair.target().execute("CREATE DATABASE old", table, "CREATE DATABASE ferry_meta",
        LEGACY_LEDGER,
        // chunks (-, 3] and (6, 9] were copied; (3, 6] and (9, -) were not
        "INSERT INTO old.t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (7, 'g'), (8, 'h'), (9, 'i')",
        "INSERT INTO ferry_meta.fullload_chunks (task_id, source_name, table_schema,"
            + " table_name, chunk_no, ordinal, lower_bound, upper_bound, state, rows_copied)"
            + " VALUES ('ns/legacy@run-1', 'src', 'old', 't', 0, 0, NULL, '[\"3\"]', 'done', 3),"
            + " ('ns/legacy@run-1', 'src', 'old', 't', 1, 1, '[\"3\"]', '[\"6\"]', 'pending', 0),"
            + " ('ns/legacy@run-1', 'src', 'old', 't', 2, 2, '[\"6\"]', '[\"9\"]', 'done', 3),"
            + " ('ns/legacy@run-1', 'src', 'old', 't', 3, 3, '[\"9\"]', NULL, 'pending', 0)");
    InMemoryStatusSink sink = new InMemoryStatusSink(
        LoadFixture.spec(pair.source(), pair.target(), "old"), null);

    FullLoadResult result = EnginePhases.load(
        LoadFixture.context("ns/legacy", sink, pair.source(), pair.target()), 0, 1);

    assertThat(result.complete()).isTrue();
    assertThat(pair.target().query("SELECT id FROM old.t ORDER BY id")).as("rows 6 and 10 too")
        .isEqualTo(pair.source().query("SELECT id FROM old.t ORDER BY id"));
    assertThat(pair.target().query("SELECT chunk_no, state FROM ferry_meta.fullload_chunks"
        + " ORDER BY chunk_no")).containsExactly(List.of(0, "done"), List.of(1, "done"),
        List.of(2, "done"), List.of(3, "done"));
    assertThat(pair.target().query("SELECT COLUMN_COMMENT FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = 'ferry_meta' AND TABLE_NAME = 'fullload_chunks'"
        + " AND COLUMN_NAME IN ('lower_bound', 'upper_bound') ORDER BY COLUMN_NAME"))
        .as("converted once").containsExactly(List.of("JSON array of key values, inclusive"),
            List.of("JSON array of key values, exclusive"));
  }
}
