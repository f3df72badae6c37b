package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.ColumnRename;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Renames, filters, key kinds, keyless and generated columns, and status reporting. */
class FullLoadTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.mariaDb();

  private DatabasePair pair;

  @BeforeEach
  void reset() throws Exception {
    pair = dbs.pair();
    pair.reset();
  }

  @Test
  void copiesRenamedFilteredAndKeylessTables() throws Exception {
    pair.source().execute("CREATE DATABASE shop",
        "CREATE TABLE shop.orders (region VARCHAR(10) NOT NULL, id INT NOT NULL, amount"
            + " DECIMAL(10,2), PRIMARY KEY (region, id))",
        "CREATE TABLE shop.customers (code VARCHAR(20) CHARACTER SET latin1 PRIMARY KEY,"
            + " active TINYINT NOT NULL, name VARCHAR(50))",
        "CREATE TABLE shop.notes (body VARCHAR(50), n INT)",
        "CREATE TABLE shop.items (id INT NOT NULL, qty INT, price INT,"
            + " total INT AS (qty * price) STORED, UNIQUE KEY (id))",
        "INSERT INTO shop.orders SELECT ELT(1 + seq % 3, 'eu', 'us', 'asia'), seq, seq / 7"
            + " FROM shop.seq_1_to_3500",
        "INSERT INTO shop.customers SELECT CONCAT('c', LPAD(seq, 5, '0')), seq % 2,"
            + " CONCAT('name ', seq) FROM shop.seq_1_to_2500",
        "INSERT INTO shop.notes SELECT CONCAT('note ', seq % 10), seq % 10 FROM shop.seq_1_to_1500",
        "INSERT INTO shop.notes SELECT 'note 1', 1 FROM shop.seq_1_to_5",
        "INSERT INTO shop.items (id, qty, price) SELECT seq, seq % 5, seq FROM shop.seq_1_to_1200");
    pair.target().execute("CREATE DATABASE shop", "CREATE DATABASE crm",
        "CREATE TABLE shop.orders (region VARCHAR(10) NOT NULL, id INT NOT NULL, amount"
            + " DECIMAL(10,2), PRIMARY KEY (region, id))",
        "CREATE TABLE crm.clients (code VARCHAR(20) CHARACTER SET latin1 PRIMARY KEY,"
            + " active TINYINT NOT NULL, full_name VARCHAR(50))",
        "CREATE TABLE shop.notes (body VARCHAR(50), n INT)",
        "CREATE TABLE shop.items (id INT NOT NULL, quantity INT, price INT,"
            + " total INT AS (quantity * price) STORED, UNIQUE KEY (id))",
        "INSERT INTO shop.orders VALUES ('eu', 3, 99.99)");
    MigrationTaskSpec spec = LoadFixture.spec(pair.source(), pair.target(), "shop");
    spec.getObjects().setRules(List.of(
        rule("shop.customers", "crm", "clients", "active = 1", "name", "full_name"),
        rule("shop.items", null, null, null, "qty", "quantity")));
    InMemoryStatusSink sink = new InMemoryStatusSink(spec, null);

    FullLoadResult result =
        EnginePhases.load(LoadFixture.context("ns/shop", sink, pair.source(), pair.target()), 0, 1);

    assertThat(result.complete()).isTrue();
    assertThat(result.keylessTables()).containsExactly("shop.notes");
    assertThat(sink.status().getFullLoad().getSingleStreamTables()).containsExactly("shop.notes");
    String orders = "SELECT region, id, amount FROM shop.orders WHERE NOT (region = 'eu' AND"
        + " id = 3) ORDER BY region, id";
    assertThat(LoadFixture.hexRows(pair.target(), orders))
        .hasSize(3499).isEqualTo(LoadFixture.hexRows(pair.source(), orders));
    assertThat(pair.target().query("SELECT amount FROM shop.orders WHERE region = 'eu' AND id = 3"))
        .as("rows already on the target are kept")
        .containsExactly(List.of(new BigDecimal("99.99")));
    assertThat(LoadFixture.hexRows(pair.target(),
        "SELECT code, active, full_name FROM crm.clients ORDER BY code"))
        .hasSize(1250)
        .isEqualTo(LoadFixture.hexRows(pair.source(),
            "SELECT code, active, name FROM shop.customers WHERE active = 1 ORDER BY code"));
    assertThat(LoadFixture.checksum(pair.target(), "shop.notes", "body, n"))
        .isEqualTo(LoadFixture.checksum(pair.source(), "shop.notes", "body, n"));
    assertThat(LoadFixture.hexRows(pair.target(),
        "SELECT id, quantity, price, total FROM shop.items ORDER BY id"))
        .hasSize(1200)
        .isEqualTo(LoadFixture.hexRows(pair.source(),
            "SELECT id, qty, price, total FROM shop.items ORDER BY id"));

    var fullLoad = sink.status().getFullLoad();
    assertThat(fullLoad.getCompletedAt()).isNotNull();
    assertThat(fullLoad.getTablesTotal()).isEqualTo(4);
    assertThat(fullLoad.getTablesDone()).isEqualTo(4);
    assertThat(fullLoad.getChunksDone()).isEqualTo(fullLoad.getChunksTotal())
        .isEqualTo(4 + 3 + 1 + 2);
    assertThat(fullLoad.getRowsCopied()).isEqualTo(3500 + 1250 + 1505 + 1200);
    assertThat(sink.status().getProgress()).startsWith("100% (");
    SourceCheckpoint checkpoint = sink.status().getCheckpoints().get(0);
    assertThat(checkpoint.getSource()).isEqualTo("src");
    assertThat(checkpoint.getFile()).isNotBlank();
    assertThat(checkpoint.getGtidSet()).isNotBlank();
    assertThat(checkpoint.getSafeModeUntil()).isNotNull();
  }

  @Test
  void cutOffKeylessStreamIntoAUserTableStopsWithARemedy() throws Exception {
    String table = "CREATE TABLE loose.t (a INT, b VARCHAR(10))";
    pair.source().execute("CREATE DATABASE loose", table,
        "INSERT INTO loose.t SELECT seq, 'x' FROM loose.seq_1_to_100");
    pair.target().execute("CREATE DATABASE loose", table);
    InMemoryStatusSink sink = new InMemoryStatusSink(
        LoadFixture.spec(pair.source(), pair.target(), "loose"), null);
    var context = LoadFixture.context("ns/loose", sink, pair.source(), pair.target());
    EnginePhases.load(context, 0, 1);
    pair.target().execute("UPDATE ferry_meta.fullload_chunks SET state = 'copying'"
        + " WHERE task_id = 'ns/loose@run-1'");

    assertThatThrownBy(() -> EnginePhases.load(context, 0, 1))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("cannot be resumed")
        .hasMessageContaining("TRUNCATE TABLE")
        .satisfies(e -> assertThat(((FerryException) e).failureClass())
            .isEqualTo(FailureClass.Fatal));
    assertThat(pair.target().query("SELECT COUNT(*) FROM loose.t").get(0).get(0))
        .as("the user's table is left alone").isEqualTo(100L);
  }

  private static TableRule rule(String match, String schema, String table, String where,
      String from, String to) {
    TableRule rule = new TableRule();
    rule.setMatch(match);
    rule.setTargetSchema(schema);
    rule.setTargetTable(table);
    rule.setWhere(where);
    ColumnRename rename = new ColumnRename();
    rename.setFrom(from);
    rename.setTo(to);
    rule.setColumns(List.of(rename));
    return rule;
  }
}
