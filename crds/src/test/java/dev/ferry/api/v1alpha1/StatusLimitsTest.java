package dev.ferry.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.status.ConditionType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatusLimitsTest {

  private static final int TABLES = 10_000;

  /**
   * Every list of the status and its parts; each has its bound in StatusLimits. A list added to
   * the status without one fails {@link #everyListOfTheStatusHasABound}.
   */
  private static final Set<String> BOUNDED_LISTS = Set.of(
      "MigrationTaskStatus.conditions", // MAX_CONDITIONS
      "MigrationTaskStatus.phases", // MAX_PHASE_RECORDS
      "MigrationTaskStatus.checkpoints", // MAX_SOURCES
      "PrecheckStatus.items", // MAX_PRECHECK_ITEMS
      "FullLoadStatus.tables", // MAX_TABLES_IN_PROGRESS
      "FullLoadStatus.singleStreamTables", // MAX_TABLES_IN_PROGRESS
      "ReplicationStatus.conflicts", // MAX_CONFLICT_TABLES
      "ValidationStatus.mismatches", // MAX_MISMATCHES
      "ChunkMismatch.keys", // MAX_KEYS_PER_MISMATCH
      "WorkerStatus.pods"); // MAX_WORKER_PODS

  @Test
  void theWorstCaseOfTenThousandTablesAndSixtyFourSourcesStaysUnderTheBound() {
    MigrationTaskStatus status = WorstCaseStatus.build();
    assertThat(size(status)).as("untrimmed size").isGreaterThan(4 * StatusLimits.MAX_STATUS_BYTES);

    StatusLimits.trim(status);

    assertThat(size(status)).as("trimmed status in bytes")
        .isLessThan(StatusLimits.MAX_STATUS_BYTES);
    assertThat(status.getCheckpoints()).as("checkpoints are positions, never cut")
        .hasSize(StatusLimits.MAX_SOURCES)
        .allSatisfy(c -> assertThat(c.getGtidSet()).hasSize(StatusLimits.GTID_SET_CHARS));
    assertThat(status.getFullLoad().getTables()).hasSize(StatusLimits.MAX_TABLES_IN_PROGRESS)
        .first().extracting(TableProgress::getTable).isEqualTo(WorstCaseStatus.table(0));
    assertThat(status.getFullLoad().getSingleStreamTables())
        .hasSize(StatusLimits.MAX_TABLES_IN_PROGRESS);
    assertThat(status.getValidation().getMismatches()).hasSize(StatusLimits.MAX_MISMATCHES)
        .allSatisfy(m -> assertThat(m.getKeys()).hasSize(StatusLimits.MAX_KEYS_PER_MISMATCH)
            .allSatisfy(key -> assertThat(utf8(key)).isBetween(StatusLimits.MAX_KEY_TEXT - 2,
                StatusLimits.MAX_KEY_TEXT)));
    assertThat(status.getPrecheck().getItems()).as("as many as fit, at least 24").hasSize(24)
        .allSatisfy(item -> assertThat(item.getRemedy()).endsWith("…")
            .satisfies(remedy -> assertThat(utf8(remedy)).isLessThanOrEqualTo(
                StatusLimits.MAX_TEXT)));
    assertThat(status.getPrecheck().getItemsOmitted())
        .isEqualTo(10 * StatusLimits.MAX_PRECHECK_ITEMS - 24);
    assertThat(utf8(status.getReplication().getBinlogAtRisk()))
        .isBetween(StatusLimits.MAX_TEXT - 2, StatusLimits.MAX_TEXT);
    assertThat(status.getFullLoad().getTablesTotal()).as("the totals are kept")
        .isEqualTo(WorstCaseStatus.TABLES);
  }

  @Test
  void everyListOfTheStatusHasABound() {
    List<String> lists = new ArrayList<>();
    collectLists(MigrationTaskStatus.class, lists, new ArrayList<>());

    assertThat(lists).containsExactlyInAnyOrderElementsOf(BOUNDED_LISTS);
  }

  @Test
  void theBoundsByConstructionHoldTheirLists() {
    assertThat(ConditionType.values()).hasSizeLessThanOrEqualTo(StatusLimits.MAX_CONDITIONS);
    assertThat(Phase.values()).hasSize(StatusLimits.MAX_PHASE_RECORDS);
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
        .allSatisfy(t -> assertThat(t.getLast()).endsWith("…")
            .satisfies(last -> assertThat(utf8(last)).isEqualTo(StatusLimits.MAX_ENTRY_TEXT)))
        .first().extracting(TableConflicts::getTable).isEqualTo("shop.t0");
    assertThat(replication.getConflictsOverwritten()).as("the total is kept")
        .isEqualTo(TABLES);
  }

  @Test
  void shortPrecheckItemsAreKeptUpToTheirCountAndTheOmittedOnesCountedOnce() {
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setPrecheck(new PrecheckStatus());
    IntStream.range(0, 100).forEach(i -> {
      PrecheckItem item = new PrecheckItem();
      item.setName("Item" + i);
      item.setResult(CheckResult.Pass);
      item.setMessage("source s" + i + ": fine");
      status.getPrecheck().getItems().add(item);
    });

    StatusLimits.trim(status);
    StatusLimits.trim(status);

    assertThat(status.getPrecheck().getItems()).hasSize(StatusLimits.MAX_PRECHECK_ITEMS)
        .first().extracting(PrecheckItem::getName).isEqualTo("Item0");
    assertThat(status.getPrecheck().getItemsOmitted()).isEqualTo(100 - 64);
  }

  @Test
  void aPrecheckThatFitsOmitsNothing() {
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setPrecheck(new PrecheckStatus());
    PrecheckItem item = new PrecheckItem();
    item.setMessage("x".repeat(600));
    item.setRemedy("y".repeat(600));
    status.getPrecheck().getItems().add(item);

    StatusLimits.trim(status);

    assertThat(status.getPrecheck().getItems()).singleElement()
        .satisfies(kept -> assertThat(kept.getMessage()).hasSize(600));
    assertThat(status.getPrecheck().getItemsOmitted()).isNull();
  }

  @Test
  void shortValuesAreKept() {
    assertThat(StatusLimits.text("lag 0s")).isEqualTo("lag 0s");
    assertThat(StatusLimits.text(null)).isNull();
  }

  @Test
  void textsAreCutToTheirBytesOfUtf8WholeCharactersOnly() {
    for (String character : List.of("a", "é", "€", "🐬")) {
      String cut = StatusLimits.text(character.repeat(StatusLimits.MAX_TEXT + 1));

      assertThat(utf8(cut)).as(character).isLessThanOrEqualTo(StatusLimits.MAX_TEXT)
          .isGreaterThan(StatusLimits.MAX_TEXT - 4 - 3);
      assertThat(cut).as(character).endsWith(character + "…");
    }
    String fits = "é".repeat(StatusLimits.MAX_TEXT / 2);
    assertThat(StatusLimits.text(fits)).isSameAs(fits);
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static int size(MigrationTaskStatus status) {
    return Serialization.asJson(status).getBytes(StandardCharsets.UTF_8).length;
  }

  /** The lists (and maps) of {@code type}'s fields and of the status types they hold. */
  private static void collectLists(Class<?> type, List<String> lists, List<Class<?>> seen) {
    if (seen.contains(type) || !type.getPackageName().equals(Phase.class.getPackageName())) {
      return;
    }
    seen.add(type);
    for (Field field : type.getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      Class<?> fieldType = field.getType();
      if (Collection.class.isAssignableFrom(fieldType) || Map.class.isAssignableFrom(fieldType)) {
        lists.add(type.getSimpleName() + "." + field.getName());
        for (Type argument : ((ParameterizedType) field.getGenericType())
            .getActualTypeArguments()) {
          if (argument instanceof Class<?> element) {
            collectLists(element, lists, seen);
          }
        }
      } else {
        collectLists(fieldType, lists, seen);
      }
    }
  }
}
