package dev.ferry.worker.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.ChunkMismatch;
import dev.ferry.api.v1alpha1.DmlOperation;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Renamed schemas, tables and columns, a WHERE filter, a composite key and a keyless table:
 * equal data passes, and differences are found in each, including a target row that the source
 * filter excludes.
 */
class ValidationMappingTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.mariaDb();

  @Test
  void renamesFiltersAndKeylessTables() throws Exception {
    DatabasePair pair = dbs.pair();
    pair.reset();
    DatabaseServer source = pair.source();
    DatabaseServer target = pair.target();
    ValidationFixture.onBoth(source, target, ValidationFixture.schemaWithDigits("shop"));
    String numbers = ValidationFixture.numbers("shop");
    ValidationFixture.onBoth(source, target,
        "CREATE TABLE shop.orders (region VARCHAR(10) NOT NULL, id INT NOT NULL,"
            + " amount DECIMAL(10,2), PRIMARY KEY (region, id))",
        "INSERT INTO shop.orders SELECT ELT(1 + n % 3, 'eu', 'us', 'asia'), n, n / 7 FROM ("
            + numbers + ") AS s WHERE n <= 3000",
        "CREATE TABLE shop.notes (body VARCHAR(50), n INT)",
        "INSERT INTO shop.notes SELECT CONCAT('note ', n % 10), n % 10 FROM (" + numbers
            + ") AS s WHERE n <= 1500");
    source.execute("CREATE TABLE shop.customers (code VARCHAR(20) CHARACTER SET latin1"
            + " PRIMARY KEY, active TINYINT NOT NULL, name VARCHAR(50))",
        "INSERT INTO shop.customers SELECT CONCAT('c', LPAD(n, 5, '0')), n % 2,"
            + " CONCAT('name ', n) FROM (" + numbers + ") AS s WHERE n <= 2500");
    target.execute("CREATE DATABASE crm",
        "CREATE TABLE crm.clients (code VARCHAR(20) CHARACTER SET latin1 PRIMARY KEY,"
            + " active TINYINT NOT NULL, full_name VARCHAR(50))",
        "INSERT INTO crm.clients SELECT CONCAT('c', LPAD(n, 5, '0')), n % 2,"
            + " CONCAT('name ', n) FROM (" + numbers + ") AS s WHERE n <= 2500 AND n % 2 = 1");
    MigrationTaskSpec spec = ValidationFixture.spec(source, target, "shop.customers",
        "shop.notes", "shop.orders");
    spec.getObjects().setRules(List.of(ValidationFixture.rule("shop.customers", "crm",
        "clients", "active = 1", "name", "full_name")));
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);

    ValidationResult equal = Validation.run(
        ValidationFixture.context("ns/shop", sink, source, target));

    assertThat(equal.passed()).isTrue();
    assertThat(equal.keylessTables()).containsExactly("shop.notes");
    assertThat(equal.chunksMatched()).as("2 filtered chunks, 1 keyless, 3 of orders")
        .isEqualTo(6);
    assertThat(sink.history()).extracting(MigrationTaskStatus::getProgress)
        .contains("validated 0/3 tables");
    assertThat(sink.status().getProgress())
        .isEqualTo("validation passed: 3/3 tables, 1 keyless tables compared whole");

    target.execute("UPDATE crm.clients SET full_name = 'someone else' WHERE code = 'c00101'",
        "INSERT INTO crm.clients VALUES ('c00002', 0, 'name 2')",
        "UPDATE shop.orders SET amount = amount + 0.01 WHERE region = 'us' AND id = 1000",
        "DELETE FROM shop.notes WHERE n = 3 LIMIT 1");

    ValidationResult different = Validation.run(
        ValidationFixture.context("ns/shop", sink, source, target));

    assertThat(different.passed()).isFalse();
    assertThat(different.differingTables())
        .containsExactly("shop.customers", "shop.notes", "shop.orders");
    List<ChunkMismatch> mismatches = sink.status().getValidation().getMismatches();
    assertThat(mismatches).hasSize(3);
    assertThat(mismatches.get(0).getTable()).isEqualTo("shop.customers");
    assertThat(mismatches.get(0).getLowerKey()).isEqualTo("(table start)");
    assertThat(mismatches.get(0).getKeys()).containsExactly("c00101", "c00002");
    assertThat(mismatches.get(1).getTable()).isEqualTo("shop.notes");
    assertThat(mismatches.get(1).getLowerKey()).isEqualTo("keyless (whole-table check)");
    assertThat(mismatches.get(1).getKeys()).isEmpty();
    assertThat(mismatches.get(2).getTable()).isEqualTo("shop.orders");
    assertThat(mismatches.get(2).getLowerKey()).isEqualTo("us, 1");
    assertThat(mismatches.get(2).getUpperKey()).isEqualTo("(table end)");
    assertThat(mismatches.get(2).getKeys()).containsExactly("us, 1000");
    assertThat(sink.status().getValidation().getChunksMatched()).isEqualTo(3);
  }

  @Test
  void tablesThatReplicateOnlySomeOperationsAreNotCompared() throws Exception {
    DatabasePair pair = dbs.pair();
    pair.reset();
    ValidationFixture.onBoth(pair.source(), pair.target(), "CREATE DATABASE shop",
        "CREATE TABLE shop.audit (id INT PRIMARY KEY, what VARCHAR(20))",
        "CREATE TABLE shop.orders (id INT PRIMARY KEY, what VARCHAR(20))",
        "INSERT INTO shop.audit VALUES (1, 'kept'), (2, 'deleted')",
        "INSERT INTO shop.orders VALUES (1, 'a')");
    pair.source().execute("DELETE FROM shop.audit WHERE id = 2");
    MigrationTaskSpec spec = ValidationFixture.spec(pair.source(), pair.target(), "shop");
    TableRule insertsAndUpdates = ValidationFixture.rule("shop.audit", null, null, null, null,
        null);
    insertsAndUpdates.setOperations(new ArrayList<>(List.of(DmlOperation.Insert,
        DmlOperation.Update)));
    spec.getObjects().setRules(List.of(insertsAndUpdates));
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);

    ValidationResult result = Validation.run(
        ValidationFixture.context("ns/operations", sink, pair.source(), pair.target()));

    assertThat(result.passed()).as("shop.audit keeps deleted rows by design").isTrue();
    assertThat(result.tablesChecked()).as("only shop.orders").isEqualTo(1);
  }

  @Test
  void aTableMissingOnTheTargetIsAClearFatalError() throws Exception {
    DatabasePair pair = dbs.pair();
    pair.reset();
    pair.source().execute("CREATE DATABASE shop", "CREATE TABLE shop.extra (id INT PRIMARY KEY)");
    InMemoryStatusSink sink = new InMemoryStatusSink(
        ValidationFixture.spec(pair.source(), pair.target(), "shop"), null);

    assertThatThrownBy(() -> Validation.run(
        ValidationFixture.context("ns/missing", sink, pair.source(), pair.target())))
        .isInstanceOfSatisfying(FerryException.class,
            e -> assertThat(e.failureClass()).isEqualTo(FailureClass.Fatal))
        .hasMessage("table shop.extra (from src shop.extra) does not exist on the target;"
            + " run the schema and full-load phases first");
  }
}
