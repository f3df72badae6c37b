package dev.ferry.worker.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.ChunkMismatch;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.ValidationStage;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A run resumes from the ledger; a new run starts fresh; repair re-copies differing chunks. */
class ValidationResumeAndRepairTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.mariaDb();

  private static final String ITEMS = "SELECT id, v, f FROM r.items WHERE id IN (500, 2500, 3400)"
      + " ORDER BY id";

  private DatabaseServer source;
  private DatabaseServer target;

  @BeforeEach
  void createTables() throws Exception {
    DatabasePair pair = dbs.pair();
    pair.reset();
    source = pair.source();
    target = pair.target();
    ValidationFixture.onBoth(source, target, ValidationFixture.schemaWithDigits("r"));
    String numbers = ValidationFixture.numbers("r");
    ValidationFixture.onBoth(source, target,
        "CREATE TABLE r.items (id INT PRIMARY KEY, v VARCHAR(20), f DOUBLE)",
        "INSERT INTO r.items SELECT n, CONCAT('v', n), n * 1.2345678901234567e-300 FROM ("
            + numbers + ") AS s WHERE n <= 3500");
    source.execute("CREATE TABLE r.people (id INT PRIMARY KEY, kind CHAR(1) NOT NULL,"
            + " name VARCHAR(20))",
        "INSERT INTO r.people SELECT n, IF(n % 3 = 0, 'b', 'a'), CONCAT('p', n) FROM ("
            + numbers + ") AS s WHERE n <= 1500");
    target.execute("CREATE DATABASE r2",
        "CREATE TABLE r2.persons (id INT PRIMARY KEY, kind CHAR(1) NOT NULL,"
            + " full_name VARCHAR(20))",
        "INSERT INTO r2.persons SELECT n, 'a', CONCAT('p', n) FROM (" + numbers + ") AS s"
            + " WHERE n <= 1500 AND n % 3 <> 0");
  }

  private MigrationTaskSpec spec() {
    MigrationTaskSpec spec = ValidationFixture.spec(source, target, "r.items", "r.people");
    spec.getObjects().setRules(List.of(ValidationFixture.rule("r.people", "r2", "persons",
        "kind = 'a'", "name", "full_name")));
    return spec;
  }

  @Test
  void resumedRunContinuesFromTheLedgerAndNewRunStartsFresh() throws Exception {
    InMemoryStatusSink sink = new InMemoryStatusSink(spec(), null);
    assertThat(Validation.run(ValidationFixture.context("ns/r", sink, source, target)).passed())
        .isTrue();
    String firstRun = sink.status().getValidation().getStartedAt();
    sink.update(status -> status.getValidation().setCompletedAt(null));
    target.execute("UPDATE ferry_meta.validation_chunks SET state = 'PENDING'"
            + " WHERE task_id = 'ns/r@run-1' AND table_name = 'items' AND chunk_no >= 2",
        "UPDATE r.items SET v = 'changed' WHERE id IN (500, 2500)");

    ValidationResult resumed = Validation.run(
        ValidationFixture.context("ns/r", sink, source, target));

    assertThat(resumed.passed()).isFalse();
    assertThat(sink.status().getValidation().getStartedAt()).isEqualTo(firstRun);
    assertThat(resumed.chunksMatched()).as("chunks 0, 1 from the ledger, 3, and people's 1")
        .isEqualTo(4);
    assertThat(sink.status().getValidation().getMismatches())
        .extracting(ChunkMismatch::getKeys).containsExactly(List.of("2500"));

    ValidationResult fresh = Validation.run(
        ValidationFixture.context("ns/r", sink, source, target));

    assertThat(sink.status().getValidation().getStartedAt()).isNotEqualTo(firstRun);
    assertThat(sink.status().getValidation().getMismatches())
        .extracting(ChunkMismatch::getKeys).containsExactly(List.of("500"), List.of("2500"));
    assertThat(fresh.chunksMismatched()).isEqualTo(2);
    assertThat(target.query("SELECT COUNT(DISTINCT run_id) FROM ferry_meta.validation_chunks"
        + " WHERE task_id = 'ns/r@run-1'")).containsExactly(List.of(1L));
  }

  @Test
  void repairRecopiesDifferingChunksExactly() throws Exception {
    target.execute("UPDATE r.items SET v = NULL, f = 0 WHERE id = 500",
        "UPDATE r.items SET f = f * 2 WHERE id = 2500",
        "DELETE FROM r.items WHERE id = 3400",
        "UPDATE r2.persons SET full_name = 'other' WHERE id = 10",
        "INSERT INTO r2.persons VALUES (12, 'b', 'p12')");
    MigrationTaskSpec spec = spec();
    spec.getValidation().setRepair(true);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);

    ValidationResult repaired = Validation.run(
        ValidationFixture.context("ns/r", sink, source, target));

    assertThat(repaired.passed()).isTrue();
    assertThat(repaired.chunksRepaired()).isEqualTo(4);
    assertThat(sink.status().getValidation().getPassed()).isTrue();
    assertThat(sink.status().getValidation().getStage()).as("the validation phase of mode Full")
        .isEqualTo(ValidationStage.AfterFullLoad);
    assertThat(sink.status().getProgress()).contains("4 chunks repaired");
    assertThat(target.query(ITEMS)).isEqualTo(source.query(ITEMS));
    assertThat(target.query("SELECT id, full_name FROM r2.persons WHERE id IN (10, 12)"))
        .containsExactly(List.of(10, "p10"));
    assertThat(target.query("SELECT COUNT(*) FROM r2.persons")).containsExactly(List.of(1000L));
    spec.getValidation().setRepair(false);
    assertThat(Validation.run(ValidationFixture.context("ns/r", sink, source, target)).passed())
        .as("a plain re-check after repair").isTrue();
  }

  @Test
  void repairWritesTheEnumErrorValueExactly() throws Exception {
    ValidationFixture.onBoth(source, target, "CREATE TABLE r.flags (id INT PRIMARY KEY,"
        + " e ENUM('a', 'b'), v VARCHAR(10))");
    source.execute("SET SESSION sql_mode = ''",
        "INSERT INTO r.flags VALUES (1, 'nope', 'x'), (2, 'a', 'y'), (3, 'nope', NULL)");
    target.execute("INSERT INTO r.flags VALUES (1, 'a', 'x')");
    MigrationTaskSpec spec = ValidationFixture.spec(source, target, "r.flags");
    spec.getValidation().setRepair(true);
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);

    assertThat(Validation.run(ValidationFixture.context("ns/flags", sink, source, target))
        .passed()).isTrue();

    String flags = "SELECT CONCAT_WS(':', id, e + 0, v) FROM r.flags ORDER BY id";
    assertThat(target.query(flags)).containsExactly(List.of("1:0:x"), List.of("2:1:y"),
        List.of("3:0")).isEqualTo(source.query(flags));
  }
}
