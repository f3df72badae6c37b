package dev.ferry.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatusLimitsTest {

  private static final int TABLES = 10_000;

  @Test
  void statusOfATenThousandTableTaskStaysSmall() {
    MigrationTaskStatus status = worstCaseStatus();
    assertThat(size(status)).as("untrimmed size").isGreaterThan(1024 * 1024);

    StatusLimits.trim(status);

    assertThat(size(status)).as("trimmed status in bytes").isLessThan(256 * 1024);
    assertThat(status.getFullLoad().getTables()).hasSize(StatusLimits.MAX_TABLES_IN_PROGRESS)
        .first().extracting(TableProgress::getTable).isEqualTo("shop.t0");
    assertThat(status.getFullLoad().getSingleStreamTables())
        .hasSize(StatusLimits.MAX_TABLES_IN_PROGRESS);
    assertThat(status.getValidation().getMismatches()).hasSize(StatusLimits.MAX_MISMATCHES)
        .allSatisfy(m -> assertThat(m.getKeys()).hasSize(StatusLimits.MAX_KEYS_PER_MISMATCH));
    assertThat(status.getPrecheck().getItems().get(0).getMessage())
        .hasSize(StatusLimits.MAX_TEXT).endsWith("…");
    assertThat(status.getFullLoad().getTablesTotal()).isEqualTo(TABLES);
  }

  @Test
  void conflictsListAtMostTheFirstTablesWithShortTexts() {
    MigrationTaskStatus status = new MigrationTaskStatus();
    ReplicationStatus replication = new ReplicationStatus();
    IntStream.range(0, TABLES).forEach(i -> {
      TableConflicts table = new TableConflicts();
      table.setTable("shop.t" + i);
      table.setOverwritten(1L);
      table.setLast("INSERT of the row with key (`id`='" + "k".repeat(5000) + "')");
      replication.getConflicts().add(table);
    });
    replication.setConflictsOverwritten((long) TABLES);
    status.setReplication(replication);

    StatusLimits.trim(status);

    assertThat(replication.getConflicts()).hasSize(StatusLimits.MAX_CONFLICT_TABLES)
        .allSatisfy(t -> assertThat(t.getLast()).hasSize(StatusLimits.MAX_TEXT).endsWith("…"))
        .first().extracting(TableConflicts::getTable).isEqualTo("shop.t0");
    assertThat(replication.getConflictsOverwritten()).as("the total is kept")
        .isEqualTo(TABLES);
  }

  @Test
  void shortValuesAreKept() {
    assertThat(StatusLimits.text("lag 0s")).isEqualTo("lag 0s");
    assertThat(StatusLimits.text(null)).isNull();
  }

  private static MigrationTaskStatus worstCaseStatus() {
    MigrationTaskStatus status = new MigrationTaskStatus();
    FullLoadStatus fullLoad = new FullLoadStatus();
    fullLoad.setTablesTotal(TABLES);
    IntStream.range(0, TABLES).forEach(i -> {
      TableProgress table = new TableProgress();
      table.setTable("shop.t" + i);
      table.setRowsCopied(1_000_000L);
      fullLoad.getTables().add(table);
    });
    IntStream.range(0, TABLES).forEach(i -> fullLoad.getSingleStreamTables().add("shop.k" + i));
    status.setFullLoad(fullLoad);
    ValidationStatus validation = new ValidationStatus();
    IntStream.range(0, TABLES).forEach(i -> {
      ChunkMismatch mismatch = new ChunkMismatch();
      mismatch.setTable("shop.t" + i);
      IntStream.range(0, 100).forEach(k -> mismatch.getKeys().add("(" + k + ", 'x')"));
      validation.getMismatches().add(mismatch);
    });
    status.setValidation(validation);
    PrecheckStatus precheck = new PrecheckStatus();
    PrecheckItem noKeys = new PrecheckItem();
    noKeys.setName("PrimaryKeys");
    noKeys.setMessage("tables without a key: " + "shop.some_long_table_name, ".repeat(TABLES));
    precheck.getItems().add(noKeys);
    status.setPrecheck(precheck);
    status.getConditions().add(new ConditionBuilder().withType("Stalled")
        .withMessage("x".repeat(100_000)).build());
    return status;
  }

  private static int size(MigrationTaskStatus status) {
    return Serialization.asJson(status).getBytes(StandardCharsets.UTF_8).length;
  }
}
