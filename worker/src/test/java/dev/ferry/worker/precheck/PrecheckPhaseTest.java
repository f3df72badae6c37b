package dev.ferry.worker.precheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.CheckResult;
import dev.ferry.api.v1alpha1.ConflictPolicy;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.FenceMode;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.PrecheckItem;
import dev.ferry.api.v1alpha1.PrecheckItemName;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PrecheckPhaseTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static DatabasePair cleanPair(Flavor flavor) throws SQLException {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    pair.source().execute("CREATE DATABASE shop",
        "CREATE TABLE shop.item (id INT PRIMARY KEY, name VARCHAR(40))",
        "CREATE TABLE shop.code (code VARCHAR(10) NOT NULL, UNIQUE KEY (code))",
        "CREATE TABLE shop.audit (at DATETIME, note TEXT, UNIQUE KEY (at))",
        "INSERT INTO shop.item VALUES (1, 'one'), (2, 'two')");
    return pair;
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void passesAHealthyTaskAndWarnsAboutKeylessTables(Flavor flavor) throws SQLException {
    DatabasePair pair = cleanPair(flavor);
    pair.source().execute("CREATE EVENT shop.nightly ON SCHEDULE EVERY 1 DAY DO DELETE FROM "
        + "shop.audit");
    PrecheckFixture task = new PrecheckFixture(pair, Mode.All);

    task.run();

    assertThat(task.items()).extracting(PrecheckItem::getResult)
        .as(task.describe()).doesNotContain(CheckResult.Fail);
    assertThat(task.sink().status().getPrecheck().getCheckedAt()).isNotBlank();
    assertThat(task.items()).extracting(PrecheckItem::getName).contains("TargetConnection",
        "SourceConnection", "SourceVersion", "TargetVersion", "BinlogEnabled", "BinlogFormat",
        "BinlogRowImage", "BinlogRowMetadata", "ServerId", "BinlogRetention",
        "BinlogCompression", "GtidMode", "SourcePrivileges", "TargetPrivileges", "PrimaryKeys",
        "ConflictingTables", "Charsets", "UnsupportedObjects", "Size");
    PrecheckItem keys = task.item("PrimaryKeys");
    assertThat(keys.getResult()).isEqualTo(CheckResult.Warn);
    assertThat(keys.getMessage()).contains("shop.audit").doesNotContain("shop.item")
        .doesNotContain("shop.code");
    assertThat(keys.getRemedy()).contains("primary key");
    assertThat(task.item("UnsupportedObjects").getResult()).isEqualTo(CheckResult.Warn);
    assertThat(task.item("UnsupportedObjects").getMessage()).contains("event shop.nightly");
    assertThat(task.item("Size").getMessage()).startsWith("source main: 3 table(s)");
    assertThat(task.item("BinlogFormat").getResult()).isEqualTo(CheckResult.Pass);
    assertThat(task.items().get(0).getResult()).as("warnings come first")
        .isEqualTo(CheckResult.Warn);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void failsOnTablesThatExistOnTheTargetUnlessTheyAreIgnored(Flavor flavor) throws SQLException {
    DatabasePair pair = cleanPair(flavor);
    pair.target().execute("CREATE DATABASE shop", "CREATE TABLE shop.item (id INT PRIMARY KEY)");
    PrecheckFixture task = new PrecheckFixture(pair, Mode.Full);

    assertThatThrownBy(task::run).isInstanceOfSatisfying(PrecheckFailedException.class,
        e -> assertThat(e.getMessage()).contains("ConflictingTables").contains("shop.item"));
    PrecheckItem conflicts = task.item("ConflictingTables");
    assertThat(conflicts.getResult()).isEqualTo(CheckResult.Fail);
    assertThat(conflicts.getMessage()).contains("1 table(s)").contains("shop.item")
        .doesNotContain("shop.code");
    assertThat(task.items().get(0).getName()).as("failures come first")
        .isEqualTo("ConflictingTables");

    task.spec().getSchema().setConflictPolicy(ConflictPolicy.Ignore);
    task.run();
    assertThat(task.item("ConflictingTables").getResult()).isEqualTo(CheckResult.Skipped);

    task.spec().getSchema().setConflictPolicy(ConflictPolicy.Fail);
    task.spec().getPrecheck().setIgnore(List.of(PrecheckItemName.ConflictingTables));
    task.run();
    assertThat(task.item("ConflictingTables").getResult()).isEqualTo(CheckResult.Skipped);
    assertThat(task.item("ConflictingTables").getMessage()).contains("spec.precheck.ignore");
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void incrementalModeNeedsTheTablesOnTheTarget(Flavor flavor) throws SQLException {
    DatabasePair pair = cleanPair(flavor);
    pair.target().execute("CREATE DATABASE shop", "CREATE TABLE shop.item (id INT PRIMARY KEY)");
    PrecheckFixture task = new PrecheckFixture(pair, Mode.Incremental);

    assertThatThrownBy(task::run).isInstanceOf(PrecheckFailedException.class);

    PrecheckItem tables = task.item("ConflictingTables");
    assertThat(tables.getResult()).isEqualTo(CheckResult.Fail);
    assertThat(tables.getMessage()).contains("2 table(s) do not exist").contains("shop.audit")
        .contains("shop.code").doesNotContain("shop.item");
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void reportsBinlogSettingsThatLoseChangesAndSkipsThemInModeFull(Flavor flavor)
      throws SQLException {
    DatabasePair pair = cleanPair(flavor);
    // MySQL 5.7 keeps binlogs for whole days (expire_logs_days): there the hour is set the way
    // Aurora MySQL 2 sets it
    boolean mysql57 = flavor == Flavor.MYSQL57;
    String expiry = mysql57 ? null : pair.source().variable("binlog_expire_logs_seconds");
    try {
      pair.source().execute("SET GLOBAL binlog_format = 'STATEMENT'",
          "SET GLOBAL binlog_row_image = 'MINIMAL'");
      pair.source().execute(mysql57 ? new String[] {"CREATE TABLE mysql.rds_configuration"
          + " (name VARCHAR(100) PRIMARY KEY, value VARCHAR(100))",
          "INSERT INTO mysql.rds_configuration VALUES ('binlog retention hours', '1')"}
          : new String[] {"SET GLOBAL binlog_expire_logs_seconds = 3600"});
      PrecheckFixture task = new PrecheckFixture(pair, Mode.All);

      assertThatThrownBy(task::run).isInstanceOfSatisfying(PrecheckFailedException.class,
          e -> assertThat(e.getMessage()).contains("BinlogFormat").contains("BinlogRowImage")
              .contains("BinlogRetention"));
      assertThat(task.item("BinlogFormat").getMessage()).contains("STATEMENT");
      assertThat(task.item("BinlogFormat").getRemedy()).contains("binlog_format=ROW");
      assertThat(task.item("BinlogRowImage").getResult()).isEqualTo(CheckResult.Fail);
      assertThat(task.item("BinlogRetention").getResult()).isEqualTo(CheckResult.Fail);
      assertThat(task.item("BinlogRetention").getMessage()).contains("1h");

      task.spec().setMode(Mode.Full);
      task.run();
      assertThat(task.item("BinlogFormat").getResult()).isEqualTo(CheckResult.Skipped);
      assertThat(task.item("BinlogRetention").getResult()).isEqualTo(CheckResult.Skipped);
    } finally {
      pair.source().execute("SET GLOBAL binlog_format = 'ROW'",
          "SET GLOBAL binlog_row_image = 'FULL'",
          mysql57 ? "DROP TABLE IF EXISTS mysql.rds_configuration"
              : "SET GLOBAL binlog_expire_logs_seconds = " + Long.parseLong(expiry));
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void reportsMissingPrivilegesOnBothSides(Flavor flavor) throws SQLException {
    DatabasePair pair = cleanPair(flavor);
    pair.source().createUser("reader", "reader-pw", "SELECT ON shop.item", "SELECT ON shop.code",
        "INSERT ON shop.audit");
    pair.target().createUser("writer", "writer-pw", "SELECT, INSERT ON shop.*");
    PrecheckFixture task = new PrecheckFixture(pair, Mode.All)
        .login("source-login", "reader", "reader-pw")
        .login("target-login", "writer", "writer-pw");

    assertThatThrownBy(task::run).isInstanceOf(PrecheckFailedException.class);

    PrecheckItem source = task.item("SourcePrivileges");
    assertThat(source.getResult()).as(task.describe()).isEqualTo(CheckResult.Fail);
    assertThat(source.getMessage()).contains("SELECT on 1 table(s): shop.audit")
        .contains("REPLICATION SLAVE")
        .contains(flavor == Flavor.MARIADB ? "BINLOG MONITOR" : "REPLICATION CLIENT");
    assertThat(source.getMessage()).as("the load reads definitions with a binlog position")
        .contains("LOCK TABLES on shop");
    assertThat(source.getRemedy()).contains("GRANT LOCK TABLES");
    PrecheckItem target = task.item("TargetPrivileges");
    assertThat(target.getResult()).isEqualTo(CheckResult.Fail);
    assertThat(target.getMessage()).contains("UPDATE").contains("DELETE").contains("CREATE")
        .contains("lacks UPDATE, DELETE, CREATE").contains("on shop")
        .contains("SELECT, INSERT, UPDATE, DELETE, CREATE on ferry_meta")
        .contains("CREATE, DROP, ALTER, INDEX, REFERENCES on the schema history's scratch"
            + " databases `ferry\\_h\\_%`.*");
    assertThat(target.getRemedy()).contains("ON `ferry\\_h\\_%`.*");
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void checksLongBeforeTheCutoverThatTheSourceCanBeFenced(Flavor flavor) throws SQLException {
    DatabasePair pair = cleanPair(flavor);
    pair.source().createUser("cdc", "cdc-pw", "SELECT, LOCK TABLES ON shop.*",
        "REPLICATION SLAVE, REPLICATION CLIENT ON *.*");
    pair.source().createUser("cdc_trigger", "cdc-pw", "SELECT, TRIGGER, LOCK TABLES ON shop.*",
        "REPLICATION SLAVE, REPLICATION CLIENT ON *.*");
    PrecheckFixture task = new PrecheckFixture(pair, Mode.All);
    task.spec().getCutover().setFence(FenceMode.ReadOnly);
    task.run();
    assertThat(task.item("CutoverFence").getResult()).as(task.describe())
        .isEqualTo(CheckResult.Pass);
    assertThat(task.item("CutoverFence").getMessage()).contains("read_only = ON");

    task.login("source-login", "cdc", "cdc-pw");
    assertThatThrownBy(task::run).isInstanceOf(PrecheckFailedException.class);
    assertThat(task.item("CutoverFence").getResult()).isEqualTo(CheckResult.Fail);
    assertThat(task.item("CutoverFence").getMessage()).contains("lacks TRIGGER on shop");
    assertThat(task.item("CutoverFence").getRemedy()).contains("spec.cutover.fence: None")
        .contains(switch (flavor) {
          case MARIADB -> "READ_ONLY ADMIN";
          case MYSQL -> "SYSTEM_VARIABLES_ADMIN";
          case MYSQL57 -> "SUPER ON *.*";
        });

    task.login("source-login", "cdc_trigger", "cdc-pw");
    assertThatThrownBy(task::run).isInstanceOf(PrecheckFailedException.class);
    assertThat(task.item("CutoverFence").getMessage())
        .contains("log_bin_trust_function_creators = 1");
    pair.source().execute("SET GLOBAL log_bin_trust_function_creators = 1");
    try {
      task.run();
      assertThat(task.item("CutoverFence").getResult()).isEqualTo(CheckResult.Warn);
      assertThat(task.item("CutoverFence").getMessage()).contains("write-blocking triggers");
    } finally {
      pair.source().execute("SET GLOBAL log_bin_trust_function_creators = 0");
    }

    task.spec().getCutover().setFence(FenceMode.None);
    task.login("source-login", "cdc", "cdc-pw");
    task.run();
    assertThat(task.item("CutoverFence").getResult()).isEqualTo(CheckResult.Skipped);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aWrongPasswordStopsTheTaskAsFatal(Flavor flavor) throws SQLException {
    DatabasePair pair = cleanPair(flavor);
    PrecheckFixture task = new PrecheckFixture(pair, Mode.All)
        .login("target-login", pair.target().adminUser(), "not-the-password");

    assertThatThrownBy(task::run).isExactlyInstanceOf(FerryException.class)
        .isInstanceOfSatisfying(FerryException.class, e -> {
          assertThat(e.failureClass()).isEqualTo(FailureClass.Fatal);
          assertThat(e.getMessage()).contains("target").doesNotContain("not-the-password");
        });
    assertThat(task.item("TargetConnection").getResult()).isEqualTo(CheckResult.Fail);
    assertThat(task.item("TargetConnection").getMessage()).contains("Access denied");
    assertThat(task.item("TargetConnection").getRemedy()).contains("credentials Secret");
    assertThat(task.item("SourceConnection").getResult()).isEqualTo(CheckResult.Pass);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void anUnreachableServerFailsInTheConnectionRetryWindow(Flavor flavor) throws SQLException {
    DatabasePair pair = cleanPair(flavor);
    PrecheckFixture task = new PrecheckFixture(pair, Mode.All);
    task.spec().getSources().get(0).setPort(1);

    assertThatThrownBy(task::run).isExactlyInstanceOf(FerryException.class)
        .isInstanceOfSatisfying(FerryException.class,
            e -> assertThat(e.failureClass()).isEqualTo(FailureClass.Connection));
    assertThat(task.item("SourceConnection").getResult()).isEqualTo(CheckResult.Fail);
    assertThat(task.item("SourceConnection").getMessage()).contains("127.0.0.1:1");
  }

  /**
   * A caching_sha2_password user that has not logged in since the server started needs the full
   * authentication: over a plain connection only with RSA key retrieval allowed, or over TLS.
   */
  @Test
  void cachingSha2UsersNeedTlsOrPublicKeyRetrieval() throws SQLException {
    DatabasePair pair = cleanPair(Flavor.MYSQL);
    for (String user : List.of("sha_plain", "sha_tls")) {
      pair.source().execute("DROP USER IF EXISTS '" + user + "'@'%'",
          "CREATE USER '" + user + "'@'%' IDENTIFIED WITH caching_sha2_password BY 'sha-pw'",
          "GRANT SELECT ON *.* TO '" + user + "'@'%'");
    }
    PrecheckFixture task = new PrecheckFixture(pair, Mode.Full)
        .login("source-login", "sha_plain", "sha-pw");
    task.spec().getSources().get(0).setAllowPublicKeyRetrieval(false);

    assertThatThrownBy(task::run).isInstanceOfSatisfying(FerryException.class,
        e -> assertThat(e.failureClass()).isEqualTo(FailureClass.Other));
    PrecheckItem refused = task.item("SourceConnection");
    assertThat(refused.getResult()).isEqualTo(CheckResult.Fail);
    assertThat(refused.getMessage()).contains("sha_plain", "Public Key Retrieval");
    assertThat(refused.getRemedy()).contains("caching_sha2_password", "tls.mode: Required",
        "allowPublicKeyRetrieval: true");

    task.spec().getSources().get(0).setAllowPublicKeyRetrieval(true);
    task.run();
    assertThat(task.item("SourceConnection").getResult()).isEqualTo(CheckResult.Pass);

    task.login("source-login", "sha_tls", "sha-pw");
    task.spec().getSources().get(0).setAllowPublicKeyRetrieval(false);
    task.spec().getSources().get(0).getTls().setMode(TlsMode.Required);
    task.run();
    assertThat(task.item("SourceConnection").getResult()).as(task.describe())
        .isEqualTo(CheckResult.Pass);
  }

  @Test
  void aMySqlSourceUserWithOnlyTheDocumentedGrantsPasses() throws SQLException {
    DatabasePair pair = cleanPair(Flavor.MYSQL);
    pair.source().execute("DROP USER IF EXISTS 'limited'@'%'");
    pair.source().createUser("limited", "limited-pw",
        "SELECT, REPLICATION SLAVE, REPLICATION CLIENT, SHOW VIEW, LOCK TABLES ON *.*");
    PrecheckFixture task = new PrecheckFixture(pair, Mode.All)
        .login("source-login", "limited", "limited-pw");

    task.run();

    assertThat(task.item("SourcePrivileges").getResult()).as(task.describe())
        .isEqualTo(CheckResult.Pass);
  }

  @Test
  void failsOnMySqlBinlogCompressionAndPartialJsonWithTheirRemedies() throws SQLException {
    DatabasePair pair = cleanPair(Flavor.MYSQL);
    try {
      pair.source().execute("SET GLOBAL binlog_transaction_compression = ON",
          "SET GLOBAL binlog_row_value_options = 'PARTIAL_JSON'");
      PrecheckFixture task = new PrecheckFixture(pair, Mode.All);

      assertThatThrownBy(task::run).isInstanceOfSatisfying(PrecheckFailedException.class,
          e -> assertThat(e.getMessage()).contains("BinlogCompression")
              .contains("BinlogRowImage"));
      PrecheckItem compression = task.item("BinlogCompression");
      assertThat(compression.getResult()).isEqualTo(CheckResult.Fail);
      assertThat(compression.getRemedy()).contains("binlog_transaction_compression=OFF");
      PrecheckItem rowImage = task.item("BinlogRowImage");
      assertThat(rowImage.getResult()).isEqualTo(CheckResult.Fail);
      assertThat(rowImage.getMessage()).contains("PARTIAL_JSON");
      assertThat(rowImage.getRemedy()).contains("SET GLOBAL binlog_row_value_options=''")
          .contains("parameter group");
    } finally {
      pair.source().execute("SET GLOBAL binlog_transaction_compression = OFF",
          "SET GLOBAL binlog_row_value_options = ''");
    }
  }

  @Test
  void minimalRowMetadataIsAWarningThatSaysWhatTheSchemaHistoryCosts() throws SQLException {
    DatabasePair pair = cleanPair(Flavor.MYSQL);
    try {
      pair.source().execute("SET GLOBAL binlog_row_metadata = MINIMAL");
      PrecheckFixture task = new PrecheckFixture(pair, Mode.All);

      task.run();

      PrecheckItem metadata = task.item("BinlogRowMetadata");
      assertThat(metadata.getResult()).as(task.describe()).isEqualTo(CheckResult.Warn);
      assertThat(metadata.getMessage()).contains("MINIMAL").contains("schema_history")
          .contains("ferry_h_");
      assertThat(metadata.getRemedy()).contains("binlog_row_metadata=FULL")
          .contains("nothing is required");
    } finally {
      pair.source().execute("SET GLOBAL binlog_row_metadata = FULL");
    }
  }

  @Test
  void failsOnCollationsTheTargetDoesNotKnowAndWarnsAboutMappedOnes() throws SQLException {
    DatabasePair pair = dbs.pair(Flavor.MARIADB, Flavor.MYSQL);
    pair.reset();
    pair.source().execute("CREATE DATABASE shop CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci",
        "CREATE TABLE shop.item (id INT PRIMARY KEY,"
            + " name VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_uca1400_ai_ci)",
        "CREATE TABLE shop.thai (id INT PRIMARY KEY,"
            + " name VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_thai_520_w2)",
        "CREATE TABLE shop.skipped (id INT PRIMARY KEY,"
            + " name VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_uca1400_as_cs)");
    PrecheckFixture task = new PrecheckFixture(pair, Mode.Full);
    task.spec().getObjects().setExclude(List.of("shop.skipped"));

    assertThatThrownBy(task::run).isInstanceOf(PrecheckFailedException.class);

    PrecheckItem charsets = task.item("Charsets");
    assertThat(charsets.getResult()).isEqualTo(CheckResult.Fail);
    assertThat(charsets.getMessage()).contains("1 collation(s): utf8mb4_thai_520_w2")
        .contains("shop.thai").doesNotContain("utf8mb4_uca1400")
        .doesNotContain("utf8mb4_general_ci");

    task.spec().getObjects().setExclude(List.of("shop.skipped", "shop.thai"));
    task.run();
    charsets = task.item("Charsets");
    assertThat(charsets.getResult()).isEqualTo(CheckResult.Warn);
    assertThat(charsets.getMessage())
        .contains("utf8mb4_uca1400_ai_ci -> utf8mb4_0900_ai_ci").contains("shop.item")
        .doesNotContain("utf8mb4_uca1400_as_cs");
  }

  @Test
  void warnsAboutMySqlOnlyCollationsAndExpressionIndexesOnMariaDb() throws SQLException {
    DatabasePair pair = dbs.pair(Flavor.MYSQL, Flavor.MARIADB);
    pair.reset();
    // MariaDB 11.4.5 knows some 0900 names as aliases; take one it lacks
    List<String> known = pair.target().query("SELECT COLLATION_NAME FROM"
        + " information_schema.COLLATIONS WHERE COLLATION_NAME LIKE 'utf8mb4%0900%'").stream()
        .map(row -> String.valueOf(row.get(0))).toList();
    String missing = List.of("utf8mb4_0900_as_cs", "utf8mb4_de_pb_0900_as_cs",
        "utf8mb4_ja_0900_as_cs").stream().filter(name -> !known.contains(name)).findFirst()
        .orElseThrow(() -> new AssertionError("MariaDB knows every probed 0900 collation"));
    pair.source().execute("CREATE DATABASE shop",
        "CREATE TABLE shop.item (id INT PRIMARY KEY, name VARCHAR(40) COLLATE " + missing + ")",
        "CREATE INDEX by_lower ON shop.item ((LOWER(name)))",
        "CREATE TABLE shop.skipped (id INT PRIMARY KEY, name VARCHAR(40))",
        "CREATE INDEX by_upper ON shop.skipped ((UPPER(name)))");
    PrecheckFixture task = new PrecheckFixture(pair, Mode.Full);
    task.spec().getObjects().setExclude(List.of("shop.skipped"));

    task.run();

    PrecheckItem charsets = task.item("Charsets");
    assertThat(charsets.getResult()).as(task.describe()).isEqualTo(CheckResult.Warn);
    assertThat(charsets.getMessage()).contains(missing + " -> utf8mb4_uca1400_as_cs")
        .contains("shop.item");
    PrecheckItem left = task.item("UnsupportedObjects");
    assertThat(left.getResult()).isEqualTo(CheckResult.Warn);
    assertThat(left.getMessage()).contains("expression index shop.item.by_lower")
        .doesNotContain("by_upper");
    assertThat(left.getRemedy()).contains("generated column");
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void failsWhenTheReaderReusesTheSourceServerIdOrNoTableMatches(Flavor flavor)
      throws SQLException {
    DatabasePair pair = cleanPair(flavor);
    PrecheckFixture task = new PrecheckFixture(pair, Mode.Incremental);
    task.spec().getSources().get(0).setServerId((long) pair.source().serverId());
    task.spec().getObjects().setInclude(List.of("warehouse"));

    assertThatThrownBy(task::run).isInstanceOf(PrecheckFailedException.class);

    assertThat(task.item("ServerId").getResult()).isEqualTo(CheckResult.Fail);
    assertThat(task.item("ServerId").getMessage()).contains("own server_id");
    assertThat(task.item("Size").getResult()).isEqualTo(CheckResult.Fail);
    assertThat(task.item("Size").getRemedy()).contains("spec.objects.include");
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void readsTheBinlogRetentionOfAuroraAndRds(Flavor flavor) throws SQLException {
    DatabasePair pair = cleanPair(flavor);
    try {
      pair.source().execute("CREATE TABLE mysql.rds_configuration (name VARCHAR(100) PRIMARY KEY,"
          + " value VARCHAR(100))",
          "INSERT INTO mysql.rds_configuration VALUES ('binlog retention hours', NULL)");
      PrecheckFixture task = new PrecheckFixture(pair, Mode.All);

      assertThatThrownBy(task::run).isInstanceOf(PrecheckFailedException.class);
      assertThat(task.item("BinlogRetention").getResult()).isEqualTo(CheckResult.Fail);
      assertThat(task.item("BinlogRetention").getMessage())
          .contains("binlog retention hours is NULL");
      assertThat(task.item("BinlogRetention").getRemedy()).contains("mysql.rds_set_configuration");

      pair.source().execute("UPDATE mysql.rds_configuration SET value = '24'");
      task.run();
      assertThat(task.item("BinlogRetention").getResult()).isEqualTo(CheckResult.Warn);
      assertThat(task.item("BinlogRetention").getRemedy()).contains("7 days");
    } finally {
      pair.source().execute("DROP TABLE IF EXISTS mysql.rds_configuration");
    }
  }
}
