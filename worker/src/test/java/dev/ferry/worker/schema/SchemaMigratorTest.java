package dev.ferry.worker.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.ConflictPolicy;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Schema migration between real servers of each flavour. */
class SchemaMigratorTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final String[] SHOP = {
      "SET SESSION FOREIGN_KEY_CHECKS = 0",
      "CREATE DATABASE shop DEFAULT CHARACTER SET utf8mb4",
      // references customers, which comes later in name order, and itself
      "CREATE TABLE shop.a_orders (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
          + " cust_id INT NOT NULL, parent_id INT NULL, secret_id INT NULL,"
          + " total DECIMAL(10,2) NOT NULL DEFAULT 0.00,"
          + " total_x2 DECIMAL(12,2) AS (total * 2) STORED,"
          + " KEY by_customer (cust_id, total),"
          + " CONSTRAINT to_customer FOREIGN KEY (cust_id) REFERENCES shop.customers (id),"
          + " CONSTRAINT to_parent FOREIGN KEY (parent_id) REFERENCES shop.a_orders (id),"
          + " CONSTRAINT to_secret FOREIGN KEY (secret_id) REFERENCES shop.secret_stuff (id),"
          + " CONSTRAINT positive CHECK (total >= 0)) ENGINE=InnoDB",
      "CREATE TABLE shop.customers (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
          + " email VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,"
          + " name VARCHAR(50) CHARACTER SET latin1 COLLATE latin1_german1_ci DEFAULT 'n/a',"
          + " code CHAR(4) CHARACTER SET binary, bio TEXT,"
          + " mood ENUM('hap''py', 'a,b', 'é', 'back\\\\slash') DEFAULT 'a,b',"
          + " tags SET('x', 'y z') NOT NULL DEFAULT '',"
          + " created TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
          + " ON UPDATE CURRENT_TIMESTAMP(6),"
          + " shout VARCHAR(120) AS (CONCAT(email, '!')) VIRTUAL,"
          + " email_length INT AS (CHAR_LENGTH(email)) STORED,"
          + " UNIQUE KEY email (email), KEY name_prefix (name(10)), FULLTEXT KEY bio (bio))"
          + " ENGINE=InnoDB AUTO_INCREMENT=1000",
      "CREATE TABLE shop.events_log (id INT NOT NULL, note VARCHAR(20), PRIMARY KEY (id))"
          + " PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (100),"
          + " PARTITION p1 VALUES LESS THAN (200), PARTITION pmax VALUES LESS THAN MAXVALUE)",
      "CREATE TABLE shop.secret_stuff (id INT PRIMARY KEY)",
      "CREATE VIEW shop.v_orders AS SELECT id, cust_id, total FROM shop.a_orders",
      // uses v_orders, which comes after it in name order
      "CREATE VIEW shop.v_big AS SELECT id, cust_id FROM shop.v_orders WHERE total > 10",
      "CREATE TRIGGER shop.a_orders_bi BEFORE INSERT ON shop.a_orders FOR EACH ROW"
          + " SET NEW.total = ABS(NEW.total)",
      "CREATE DEFINER = CURRENT_USER PROCEDURE shop.count_orders(OUT n INT) SQL SECURITY DEFINER"
          + " BEGIN SELECT COUNT(*) INTO n FROM a_orders WHERE a_orders.cust_id > 0; END",
      "CREATE FUNCTION shop.twice(x INT) RETURNS INT DETERMINISTIC SQL SECURITY DEFINER"
          + " RETURN x * 2",
      // calls a function of the renamed schema
      "CREATE VIEW shop.v_doubled AS SELECT id, shop.twice(id) AS twice_id FROM shop.a_orders",
      "CREATE EVENT shop.nightly ON SCHEDULE EVERY 1 DAY DO DELETE FROM shop.events_log"
  };

  private static final String COLUMNS = "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE,"
      + " COLUMN_DEFAULT, CHARACTER_SET_NAME, COLLATION_NAME, EXTRA, GENERATION_EXPRESSION"
      + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '%s' AND TABLE_NAME = '%s'"
      + " ORDER BY ORDINAL_POSITION";

  private static DatabasePair shop(Flavor flavor) throws SQLException {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    pair.source().execute(SHOP);
    return pair;
  }

  /** shop → store; a_orders → store.orders, cust_id → customer_id and total → amount. */
  private static SchemaTask renamingTask(DatabasePair pair, String taskId) {
    SchemaTask task = new SchemaTask(pair, taskId)
        .rule("shop.a_orders", "store", "orders", "cust_id", "customer_id", "total", "amount")
        .rule("shop", "store", null);
    task.spec().getObjects().setInclude(List.of("shop"));
    task.spec().getObjects().setExclude(List.of("shop.secret_stuff"));
    return task;
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void createsTablesViewsAndRoutinesWithRenamesButNoTriggers(Flavor flavor) throws Exception {
    DatabasePair pair = shop(flavor);
    DatabaseServer target = pair.target();
    SchemaTask task = renamingTask(pair, "test/full");

    SchemaSummary summary = task.migrate();

    assertThat(summary.created(ObjectType.TABLE)).isEqualTo(3);
    assertThat(summary.created(ObjectType.VIEW)).isEqualTo(3);
    assertThat(summary.created(ObjectType.PROCEDURE)).isEqualTo(1);
    assertThat(summary.created(ObjectType.FUNCTION)).isEqualTo(1);
    assertThat(summary.created(ObjectType.TRIGGER)).isZero();
    assertThat(summary.warnings()).singleElement().asString()
        .contains("to_secret", "shop.secret_stuff");
    assertThat(task.sink().status().getProgress()).startsWith("schema: created 3 tables");

    assertThat(column0(target, "SELECT TABLE_NAME FROM information_schema.TABLES"
        + " WHERE TABLE_SCHEMA = 'store' ORDER BY TABLE_NAME"))
        .containsExactly("customers", "events_log", "orders", "v_big", "v_doubled", "v_orders");
    assertThat(target.query("SHOW DATABASES LIKE 'shop'")).isEmpty();
    for (String table : List.of("customers", "events_log")) {
      assertThat(target.query(String.format(COLUMNS, "store", table)))
          .isEqualTo(pair.source().query(String.format(COLUMNS, "shop", table)));
    }
    String customers = showCreate(target, "TABLE", "store.customers");
    assertThat(customers).contains("AUTO_INCREMENT=1000", "FULLTEXT KEY `bio` (`bio`)",
        "KEY `name_prefix` (`name`(10))", "UNIQUE KEY `email` (`email`)");
    assertThat(target.query("SELECT PARTITION_NAME, PARTITION_METHOD FROM"
        + " information_schema.PARTITIONS WHERE TABLE_SCHEMA = 'store'"
        + " AND TABLE_NAME = 'events_log' ORDER BY PARTITION_ORDINAL_POSITION"))
        .containsExactly(List.of("p0", "RANGE"), List.of("p1", "RANGE"), List.of("pmax", "RANGE"));

    String orders = showCreate(target, "TABLE", "store.orders");
    assertThat(orders).contains("`customer_id` int", "`amount` decimal(10,2)",
        "KEY `by_customer` (`customer_id`,`amount`)", "(`amount` * 2)")
        .doesNotContain("cust_id", "`total`", "CONSTRAINT `to_secret`");
    assertThat(target.query("SELECT CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA,"
        + " REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
        + " WHERE TABLE_SCHEMA = 'store' AND TABLE_NAME = 'orders'"
        + " AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY CONSTRAINT_NAME"))
        .containsExactly(List.of("to_customer", "customer_id", "store", "customers", "id"),
            List.of("to_parent", "parent_id", "store", "orders", "id"));

    assertThat(target.query("SELECT TABLE_NAME, SECURITY_TYPE, DEFINER FROM"
        + " information_schema.VIEWS WHERE TABLE_SCHEMA = 'store' ORDER BY TABLE_NAME"))
        .containsExactly(List.of("v_big", "INVOKER", target.adminUser() + "@%"),
            List.of("v_doubled", "INVOKER", target.adminUser() + "@%"),
            List.of("v_orders", "INVOKER", target.adminUser() + "@%"));
    assertThat(target.query("SELECT ROUTINE_NAME, ROUTINE_TYPE, SECURITY_TYPE FROM"
        + " information_schema.ROUTINES WHERE ROUTINE_SCHEMA = 'store' ORDER BY ROUTINE_NAME"))
        .containsExactly(List.of("count_orders", "PROCEDURE", "INVOKER"),
            List.of("twice", "FUNCTION", "INVOKER"));
    assertThat(target.query("SELECT * FROM information_schema.TRIGGERS"
        + " WHERE TRIGGER_SCHEMA = 'store'")).isEmpty();
    assertThat(target.query("SELECT * FROM information_schema.EVENTS")).isEmpty();

    target.execute("INSERT INTO store.customers (id, email) VALUES (1, 'a@b.c')",
        "INSERT INTO store.orders (id, customer_id, amount) VALUES (1, 1, 12.5)");
    assertThat(target.query("SELECT id, cust_id FROM store.v_big"))
        .containsExactly(List.of(1, 1));
    assertThat(target.query("SELECT twice_id FROM store.v_doubled")).containsExactly(List.of(2));
    assertThat(target.query("SELECT store.twice(21)")).containsExactly(List.of(42));
    assertThat(callCountOrders(target)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void triggersComeOnlyFromCreateTriggersAndReRunsSkipWhatExists(Flavor flavor)
      throws Exception {
    DatabasePair pair = shop(flavor);
    DatabaseServer target = pair.target();
    SchemaTask task = renamingTask(pair, "test/triggers");
    task.migrate();

    SchemaSummary triggers = task.createTriggers();

    assertThat(triggers.created(ObjectType.TRIGGER)).isEqualTo(1);
    assertThat(triggers.warnings()).isEmpty();
    assertThat(target.query("SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, DEFINER FROM"
        + " information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = 'store'"))
        .containsExactly(List.of("a_orders_bi", "orders", target.adminUser() + "@%"));
    target.execute("INSERT INTO store.customers (id, email) VALUES (1, 'a@b.c')",
        "INSERT INTO store.orders (id, customer_id, amount) VALUES (1, 1, -3.5)");
    assertThat(target.query("SELECT amount FROM store.orders").get(0).get(0).toString())
        .isEqualTo("3.50");

    SchemaSummary again = task.migrate();
    assertThat(again.created()).isEmpty();
    assertThat(again.skipped(ObjectType.TABLE)).isEqualTo(3);
    assertThat(again.skipped(ObjectType.VIEW)).isEqualTo(3);
    assertThat(task.createTriggers().skipped(ObjectType.TRIGGER)).isEqualTo(1);
    assertThat(target.query("SELECT object_type, schema_name, object_name FROM"
        + " ferry_meta.schema_objects WHERE task_id = 'test/triggers@run-1'"
        + " ORDER BY object_type, object_name")).containsExactly(
        List.of("FUNCTION", "store", "twice"), List.of("PROCEDURE", "store", "count_orders"),
        List.of("TABLE", "store", "customers"), List.of("TABLE", "store", "events_log"),
        List.of("TABLE", "store", "orders"), List.of("TRIGGER", "store", "a_orders_bi"),
        List.of("VIEW", "store", "v_big"), List.of("VIEW", "store", "v_doubled"),
        List.of("VIEW", "store", "v_orders"));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void reRunAfterACrashRecreatesWhatIsMissing(Flavor flavor) throws Exception {
    DatabasePair pair = shop(flavor);
    DatabaseServer target = pair.target();
    SchemaTask task = renamingTask(pair, "test/crash");
    task.migrate();
    target.execute("DROP VIEW store.v_big", "DROP TABLE store.events_log",
        "DROP FUNCTION store.twice");

    SchemaSummary summary = task.migrate();

    assertThat(summary.created()).containsOnly(java.util.Map.entry(ObjectType.TABLE, 1),
        java.util.Map.entry(ObjectType.VIEW, 1), java.util.Map.entry(ObjectType.FUNCTION, 1));
    assertThat(target.query("SELECT COUNT(*) FROM information_schema.TABLES"
        + " WHERE TABLE_SCHEMA = 'store'")).containsExactly(List.of(6L));
    assertThat(target.query("SELECT store.twice(2)")).containsExactly(List.of(4));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void existingTableFailsTheStepBeforeAnythingIsCreatedOrIsKeptUnderIgnore(Flavor flavor)
      throws Exception {
    DatabasePair pair = shop(flavor);
    DatabaseServer target = pair.target();
    target.execute("CREATE DATABASE store",
        "CREATE TABLE store.events_log (mine INT PRIMARY KEY)");
    SchemaTask task = renamingTask(pair, "test/conflict");

    assertThatThrownBy(task::migrate)
        .isInstanceOfSatisfying(FerryException.class,
            e -> assertThat(e.failureClass()).isEqualTo(FailureClass.Fatal))
        .hasMessageContaining("table store.events_log")
        .hasMessageContaining("conflictPolicy: Ignore");
    assertThat(column0(target, "SELECT TABLE_NAME FROM information_schema.TABLES"
        + " WHERE TABLE_SCHEMA = 'store'")).containsExactly("events_log");

    task.spec().getSchema().setConflictPolicy(ConflictPolicy.Ignore);
    SchemaSummary summary = task.migrate();

    assertThat(summary.created(ObjectType.TABLE)).isEqualTo(2);
    assertThat(summary.skipped(ObjectType.TABLE)).isEqualTo(1);
    assertThat(summary.warnings()).anySatisfy(
        w -> assertThat(w).contains("kept the existing table store.events_log"));
    assertThat(column0(target, "SELECT COLUMN_NAME FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = 'store' AND TABLE_NAME = 'events_log'"))
        .containsExactly("mine");
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void switchedOffObjectsAndDisabledSchemaAreNotCreated(Flavor flavor) throws Exception {
    DatabasePair pair = shop(flavor);
    SchemaTask task = new SchemaTask(pair, "test/switches");
    task.spec().getObjects().setInclude(List.of("shop.customers", "shop.v_*"));
    task.spec().getSchema().setRoutines(false);
    task.spec().getSchema().setViews(false);
    task.spec().getSchema().setTriggers(false);

    SchemaSummary summary = task.migrate();
    task.createTriggers();

    assertThat(summary.created()).containsOnly(java.util.Map.entry(ObjectType.TABLE, 1));
    assertThat(column0(pair.target(), "SELECT TABLE_NAME FROM information_schema.TABLES"
        + " WHERE TABLE_SCHEMA = 'shop'")).containsExactly("customers");
    assertThat(pair.target().query("SELECT * FROM information_schema.ROUTINES"
        + " WHERE ROUTINE_SCHEMA = 'shop'")).isEmpty();

    SchemaTask disabled = new SchemaTask(pair, "test/disabled");
    disabled.spec().getObjects().setInclude(List.of("shop.events_log"));
    disabled.spec().getSchema().setEnabled(false);
    assertThat(disabled.migrate().created()).isEmpty();
    assertThat(pair.target().query("SELECT * FROM information_schema.TABLES"
        + " WHERE TABLE_NAME = 'events_log'")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void objectsOfSeveralSourcesWithTheSameTargetNameAreCreatedOnce(Flavor flavor)
      throws Exception {
    DatabasePair pair = shop(flavor);
    SchemaTask task = renamingTask(pair, "test/shards");
    SourceSpec second = new SourceSpec();
    SourceSpec first = task.spec().getSources().get(0);
    second.setName("second");
    second.setHost(first.getHost());
    second.setPort(first.getPort());
    second.setCredentialsSecret(first.getCredentialsSecret());
    second.setTls(first.getTls());
    second.setAllowPublicKeyRetrieval(true);
    task.spec().getSources().add(second);

    SchemaSummary summary = task.migrate();

    assertThat(summary.created(ObjectType.TABLE)).isEqualTo(3);
    assertThat(summary.skipped(ObjectType.TABLE)).isEqualTo(3);
    assertThat(summary.created(ObjectType.VIEW)).isEqualTo(3);
    assertThat(summary.skipped(ObjectType.VIEW)).isEqualTo(3);
    assertThat(summary.skipped(ObjectType.TRIGGER)).isZero();
    assertThat(summary.warnings()).hasSize(1);
    assertThat(task.createTriggers().created(ObjectType.TRIGGER)).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"MYSQL, MYSQL", "MYSQL, MARIADB", "MARIADB, MYSQL", "MARIADB, MARIADB"})
  void invisibleColumnsStayInvisibleExpressionIndexesNeedTheTargetAndDefinersAreDropped(
      Flavor sourceFlavor, Flavor targetFlavor) throws Exception {
    DatabasePair pair = dbs.pair(sourceFlavor, targetFlavor);
    pair.reset();
    DatabaseServer source = pair.source();
    source.execute("CREATE USER IF NOT EXISTS 'app'@'%' IDENTIFIED BY 'app-pw'",
        "GRANT SELECT, EXECUTE ON *.* TO 'app'@'%'",
        "CREATE DATABASE crm",
        "CREATE TABLE crm.people (id INT PRIMARY KEY, name VARCHAR(40),"
            + " hidden INT DEFAULT 7 INVISIBLE)",
        "CREATE DEFINER = 'app'@'%' SQL SECURITY DEFINER VIEW crm.names AS"
            + " SELECT id, name FROM crm.people",
        "CREATE DEFINER = 'app'@'%' FUNCTION crm.shout(s VARCHAR(40)) RETURNS VARCHAR(41)"
            + " DETERMINISTIC RETURN CONCAT(s, '!')");
    if (sourceFlavor == Flavor.MYSQL) {
      source.execute("CREATE INDEX by_lower ON crm.people ((LOWER(name)))");
    }
    assertThat(pair.target().query("SELECT 1 FROM mysql.user WHERE User = 'app'")).isEmpty();
    SchemaTask task = new SchemaTask(pair, "test/parity");

    SchemaSummary summary = task.migrate();

    DatabaseServer target = pair.target();
    assertThat(target.query("SELECT COLUMN_NAME, EXTRA FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = 'crm' AND TABLE_NAME = 'people' ORDER BY ORDINAL_POSITION"))
        .containsExactly(List.of("id", ""), List.of("name", ""), List.of("hidden", "INVISIBLE"));
    target.execute("INSERT INTO crm.people VALUES (1, 'Ann')");
    assertThat(target.query("SELECT * FROM crm.people")).containsExactly(List.of(1, "Ann"));
    assertThat(target.query("SELECT hidden FROM crm.people")).containsExactly(List.of(7));
    List<String> indexes = column0(target, "SELECT DISTINCT INDEX_NAME FROM"
        + " information_schema.STATISTICS WHERE TABLE_SCHEMA = 'crm' ORDER BY INDEX_NAME");
    if (sourceFlavor == Flavor.MYSQL && targetFlavor == Flavor.MARIADB) {
      assertThat(indexes).containsExactly("PRIMARY");
      assertThat(summary.warnings()).singleElement().asString()
          .contains("by_lower", "crm.people", "expression");
    } else {
      assertThat(indexes).containsExactlyElementsOf(sourceFlavor == Flavor.MYSQL
          ? List.of("by_lower", "PRIMARY") : List.of("PRIMARY"));
      assertThat(summary.warnings()).noneMatch(warning -> warning.contains("expression"));
    }
    assertThat(target.query("SELECT DEFINER, SECURITY_TYPE FROM information_schema.VIEWS"
        + " WHERE TABLE_SCHEMA = 'crm'"))
        .containsExactly(List.of(target.adminUser() + "@%", "INVOKER"));
    assertThat(target.query("SELECT DEFINER FROM information_schema.ROUTINES"
        + " WHERE ROUTINE_SCHEMA = 'crm'")).containsExactly(List.of(target.adminUser() + "@%"));
    assertThat(target.query("SELECT crm.shout(name) FROM crm.names"))
        .containsExactly(List.of("Ann!"));
  }

  @Test
  void mySqlOnlyCollationsAreMappedOnMariaDb() throws Exception {
    DatabasePair pair = dbs.pair(Flavor.MYSQL, Flavor.MARIADB);
    pair.reset();
    pair.source().execute("CREATE DATABASE intl DEFAULT COLLATE utf8mb4_0900_ai_ci",
        "CREATE TABLE intl.words (id INT PRIMARY KEY,"
            + " word VARCHAR(40) COLLATE utf8mb4_0900_as_cs, plain VARCHAR(40))");
    SchemaTask task = new SchemaTask(pair, "test/collations");

    task.migrate();

    List<String> available = column0(pair.target(), "SELECT COLLATION_NAME FROM"
        + " information_schema.COLLATIONS WHERE COLLATION_NAME LIKE 'utf8mb4_0900%'");
    String expectedCi = available.contains("utf8mb4_0900_ai_ci")
        ? "utf8mb4_0900_ai_ci" : "utf8mb4_uca1400_ai_ci";
    String expectedCs = available.contains("utf8mb4_0900_as_cs")
        ? "utf8mb4_0900_as_cs" : "utf8mb4_uca1400_as_cs";
    assertThat(pair.target().query("SELECT COLUMN_NAME, COLLATION_NAME FROM"
        + " information_schema.COLUMNS WHERE TABLE_SCHEMA = 'intl' AND TABLE_NAME = 'words'"
        + " AND COLLATION_NAME IS NOT NULL ORDER BY ORDINAL_POSITION"))
        .containsExactly(List.of("word", expectedCs), List.of("plain", expectedCi));
  }

  @Test
  void mySql8OnlyCollationsAreMappedOnMySql57() throws Exception {
    DatabasePair pair = dbs.pair(Flavor.MYSQL, Flavor.MYSQL57);
    pair.reset();
    pair.source().execute("CREATE DATABASE intl DEFAULT COLLATE utf8mb4_0900_ai_ci",
        "CREATE TABLE intl.words (id INT PRIMARY KEY,"
            + " word VARCHAR(40) COLLATE utf8mb4_0900_as_cs, plain VARCHAR(40))");
    SchemaTask task = new SchemaTask(pair, "test/collations");

    task.migrate();

    assertThat(pair.target().query("SELECT COLUMN_NAME, COLLATION_NAME FROM"
        + " information_schema.COLUMNS WHERE TABLE_SCHEMA = 'intl' AND TABLE_NAME = 'words'"
        + " AND COLLATION_NAME IS NOT NULL ORDER BY ORDINAL_POSITION"))
        .containsExactly(List.of("word", "utf8mb4_bin"),
            List.of("plain", "utf8mb4_unicode_520_ci"));
  }

  @Test
  void mariaDbOnlyCollationsAreMappedOnMySql() throws Exception {
    DatabasePair pair = dbs.pair(Flavor.MARIADB, Flavor.MYSQL);
    pair.reset();
    pair.source().execute("CREATE DATABASE intl",
        "CREATE TABLE intl.words (id INT PRIMARY KEY,"
            + " word VARCHAR(40) COLLATE utf8mb4_uca1400_as_cs,"
            + " plain VARCHAR(40) COLLATE utf8mb4_uca1400_ai_ci)",
        "CREATE VIEW intl.plain_words AS SELECT plain FROM intl.words");
    SchemaTask task = new SchemaTask(pair, "test/collations");

    SchemaSummary summary = task.migrate();

    assertThat(summary.created()).containsOnly(java.util.Map.entry(ObjectType.TABLE, 1),
        java.util.Map.entry(ObjectType.VIEW, 1));
    assertThat(pair.target().query("SELECT COLUMN_NAME, COLLATION_NAME FROM"
        + " information_schema.COLUMNS WHERE TABLE_SCHEMA = 'intl' AND TABLE_NAME = 'words'"
        + " AND COLLATION_NAME IS NOT NULL ORDER BY ORDINAL_POSITION"))
        .containsExactly(List.of("word", "utf8mb4_0900_as_cs"),
            List.of("plain", "utf8mb4_0900_ai_ci"));
  }

  private static List<String> column0(DatabaseServer server, String sql) throws SQLException {
    return server.query(sql).stream().map(row -> String.valueOf(row.get(0))).toList();
  }

  private static String showCreate(DatabaseServer server, String type, String name)
      throws SQLException {
    return String.valueOf(server.query("SHOW CREATE " + type + " " + name).get(0).get(1));
  }

  private static int callCountOrders(DatabaseServer server) throws SQLException {
    try (Connection connection = server.connect();
        CallableStatement call = connection.prepareCall("{CALL store.count_orders(?)}")) {
      call.registerOutParameter(1, java.sql.Types.INTEGER);
      call.execute();
      return call.getInt(1);
    }
  }
}
