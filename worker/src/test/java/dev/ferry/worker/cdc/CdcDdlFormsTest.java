package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.api.v1alpha1.OnlineDdlPolicy;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Each DDL form on the source while the incremental phase replicates it, with rows written
 * before and after the DDL and rows changed after it: the target ends with the source's table
 * definitions and rows. Every case has a schema of its own on one server pair per flavour.
 */
class CdcDdlFormsTest {

  private static final String T = "CREATE TABLE t (id INT PRIMARY KEY, v INT, s VARCHAR(20))";
  private static final String ROWS = "INSERT INTO t VALUES (1, 10, 'a'), (2, 20, 'b'),"
      + " (3, 30, 'c')";

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void addColumnPlainFirstAndAfter(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_add_column", T)) {
      c.source(ROWS,
          "ALTER TABLE t ADD COLUMN a INT NOT NULL DEFAULT 5",
          "INSERT INTO t (id, v, s, a) VALUES (4, 40, 'd', 4)",
          "ALTER TABLE t ADD COLUMN f VARCHAR(10) FIRST",
          "INSERT INTO t (f, id, v) VALUES ('first', 5, 50)",
          "ALTER TABLE t ADD COLUMN m BIGINT AFTER id",
          "INSERT INTO t (id, m, v) VALUES (6, 600, 60)",
          "UPDATE t SET m = id * 100, f = 'x', a = a + 1 WHERE id <= 4",
          "DELETE FROM t WHERE id = 2");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void dropColumn(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_drop_column", T)) {
      c.source(ROWS,
          "ALTER TABLE t DROP COLUMN v",
          "INSERT INTO t VALUES (4, 'd')",
          "UPDATE t SET s = CONCAT(s, '!') WHERE id IN (1, 4)",
          "DELETE FROM t WHERE id = 3");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void modifyColumnWidensAType(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_modify_widen", T)) {
      c.source(ROWS,
          "ALTER TABLE t MODIFY COLUMN v BIGINT NOT NULL",
          "INSERT INTO t VALUES (4, 9000000000, 'd')",
          "ALTER TABLE t MODIFY s VARCHAR(200)",
          "INSERT INTO t VALUES (5, 5, REPEAT('w', 150))",
          "UPDATE t SET v = v * 1000000000 WHERE id <= 2");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void modifyColumnReordersWithAfter(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_modify_after", T)) {
      c.source(ROWS,
          "ALTER TABLE t MODIFY COLUMN s VARCHAR(20) AFTER id",
          "INSERT INTO t VALUES (4, 'd', 40)",
          "UPDATE t SET v = v + 1, s = UPPER(s) WHERE id IN (1, 4)");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void changeColumnRenamesAndRetypes(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_change_column", T)) {
      c.source(ROWS,
          "ALTER TABLE t CHANGE COLUMN v amount BIGINT NULL",
          "INSERT INTO t (id, amount, s) VALUES (4, 40000000000, 'd')",
          "UPDATE t SET amount = amount + 1 WHERE id IN (1, 4)");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void renameColumn(Flavor flavor) throws Exception {
    Assumptions.assumeTrue(flavor != Flavor.MYSQL57,
        "RENAME COLUMN is MySQL 8.0 / MariaDB syntax; MySQL 5.7 has only CHANGE");
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_rename_column", T)) {
      c.source(ROWS,
          "ALTER TABLE t RENAME COLUMN s TO label",
          "INSERT INTO t (id, v, label) VALUES (4, 40, 'd')",
          "UPDATE t SET label = 'z' WHERE id IN (2, 4)");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void addAndDropIndex(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_alter_index", T)) {
      c.source(ROWS,
          "ALTER TABLE t ADD INDEX by_v (v)",
          "ALTER TABLE t ADD UNIQUE KEY by_s (s), ADD INDEX by_vs (v, s)",
          "INSERT INTO t VALUES (4, 40, 'd')",
          "ALTER TABLE t DROP INDEX by_v",
          "UPDATE t SET v = 1 WHERE id = 4");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void createAndDropIndexOn(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_index_on", T)) {
      c.source(ROWS,
          "CREATE INDEX by_v ON t (v)",
          "CREATE UNIQUE INDEX by_s ON ddl_index_on.t (s)",
          "INSERT INTO t VALUES (4, 40, 'd')",
          "DROP INDEX by_v ON t",
          "UPDATE t SET v = 1 WHERE id = 4");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void dropAndAddPrimaryKey(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_primary_key", T)) {
      c.source(ROWS,
          "ALTER TABLE t DROP PRIMARY KEY",
          "INSERT INTO t VALUES (4, 40, 'd'), (4, 40, 'd')",
          "UPDATE t SET v = 41 WHERE id = 4 LIMIT 1",
          "DELETE FROM t WHERE id = 4 AND v = 40",
          "ALTER TABLE t ADD PRIMARY KEY (id)",
          "INSERT INTO t VALUES (5, 50, 'e')",
          "UPDATE t SET s = 'changed' WHERE id IN (1, 5)");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void renameTableWithinTheMigratedSet(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_rename_table", T)) {
      c.source(ROWS,
          "RENAME TABLE t TO t2",
          "INSERT INTO t2 VALUES (4, 40, 'd')",
          "ALTER TABLE t2 RENAME TO t3",
          "UPDATE t3 SET v = 0 WHERE id IN (1, 4)");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Flavor.class, names = "MARIADB")
  void renameTableIfExistsAndWithLockWaitOnMariaDb(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_rename_mariadb", T)) {
      c.source(ROWS,
          "RENAME TABLE IF EXISTS t TO t2, never_there TO nowhere",
          "INSERT INTO t2 VALUES (4, 40, 'd')",
          "RENAME TABLE t2 NOWAIT TO t3",
          "RENAME TABLE t3 WAIT 5 TO t4",
          "UPDATE t4 SET v = 0 WHERE id IN (1, 4)");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void renameTableOutOfTheMigratedSet(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_rename_out", T,
        "CREATE TABLE kept (id INT PRIMARY KEY)")) {
      c.source(ROWS,
          "CREATE TABLE t2 LIKE t",
          "INSERT INTO t2 SELECT * FROM t",
          "RENAME TABLE t TO ddl_rename_out_out.t, kept TO kept2",
          "INSERT INTO ddl_rename_out_out.t VALUES (4, 40, 'd')",
          "INSERT INTO kept2 VALUES (1)",
          "ALTER TABLE t2 ADD COLUMN x INT, RENAME TO ddl_rename_out_out.t2",
          "INSERT INTO ddl_rename_out_out.t2 VALUES (5, 50, 'e', 5)");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void renameTableIntoTheMigratedSet(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_rename_in", T)) {
      c.source(ROWS,
          "CREATE TABLE ddl_rename_in_out.u (id INT PRIMARY KEY, w VARCHAR(10), n INT)",
          "INSERT INTO ddl_rename_in_out.u VALUES (1, 'one', 1), (2, 'two', 2), (4, 'four', 4)",
          "CREATE TABLE ddl_rename_in_out.log (what VARCHAR(10), n INT)",
          "INSERT INTO ddl_rename_in_out.log VALUES ('same', 1), ('same', 1), ('other', 2)",
          "ALTER TABLE ddl_rename_in_out.u ADD COLUMN x INT DEFAULT 7",
          "RENAME TABLE ddl_rename_in_out.u TO u, t TO ddl_rename_in_out.t_old,"
              + " ddl_rename_in_out.log TO t",
          "INSERT INTO u (id, w, n) VALUES (3, 'three', 3)",
          "UPDATE u SET n = n + 10 WHERE id IN (1, 3)",
          "DELETE FROM u WHERE id = 2",
          "ALTER TABLE u ADD COLUMN y VARCHAR(5) DEFAULT 'y' AFTER id",
          "INSERT INTO u (id, y, w) VALUES (5, 'five', 'five')",
          "INSERT INTO t VALUES ('same', 1), ('new', 3)",
          "DELETE FROM t WHERE what = 'other'",
          "UPDATE t SET n = 9 WHERE what = 'same' LIMIT 1");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void swapTables(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_swap", T)) {
      c.source(ROWS,
          "CREATE TABLE t_new (id INT PRIMARY KEY, v BIGINT, s VARCHAR(20), extra INT)",
          "INSERT INTO t_new SELECT id, v, s, 7 FROM t",
          "RENAME TABLE t TO t_old, t_new TO t",
          "INSERT INTO t VALUES (4, 40, 'd', 8)",
          "UPDATE t SET extra = 9 WHERE id = 1",
          "UPDATE t_old SET v = -1 WHERE id = 2");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void createTruncateAndDropTables(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_create_drop", T)) {
      c.source(ROWS,
          "CREATE TABLE n (id INT AUTO_INCREMENT PRIMARY KEY, x DECIMAL(10, 2))",
          "INSERT INTO n (x) VALUES (1.5), (2.5)",
          "TRUNCATE TABLE n",
          "INSERT INTO n (x) VALUES (3.5)",
          "UPDATE n SET x = 4.25",
          "CREATE TABLE l LIKE n",
          "INSERT INTO l SELECT * FROM n",
          "DROP TABLE t");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void dropTablesInAndOutOfTheMigratedSetAtOnce(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_drop_mixed", T,
        "CREATE TABLE t2 (id INT PRIMARY KEY)")) {
      c.source(ROWS,
          "CREATE TABLE ddl_drop_mixed_out.x (id INT)",
          "DROP TABLE t, ddl_drop_mixed_out.x",
          "INSERT INTO t2 VALUES (1)",
          "DROP TABLE IF EXISTS t2, ddl_drop_mixed_out.never_there",
          "CREATE TABLE t (id INT PRIMARY KEY, w INT)",
          "INSERT INTO t VALUES (1, 1)");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void alterColumnDefaultsRenameIndexAndAlgorithmClauses(Flavor flavor) throws Exception {
    String instant = flavor == Flavor.MYSQL57 ? "INPLACE" : "INSTANT";
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_alter_clauses", T)) {
      c.source(ROWS,
          "ALTER TABLE t ALTER COLUMN v SET DEFAULT 7",
          "INSERT INTO t (id, s) VALUES (4, 'd')",
          "ALTER TABLE t ALTER COLUMN v DROP DEFAULT, ADD INDEX by_s (s)",
          "ALTER TABLE t RENAME INDEX by_s TO by_label",
          "ALTER TABLE t ADD COLUMN w INT NULL, ALGORITHM=" + instant,
          "ALTER TABLE t ADD INDEX by_w (w), ALGORITHM=INPLACE, LOCK=NONE",
          "INSERT INTO t VALUES (5, 50, 'e', 5)",
          "UPDATE t SET w = id WHERE id <= 3");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void convertToCharacterSet(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_convert",
        "CREATE TABLE t (id INT PRIMARY KEY, v INT, s VARCHAR(20)) CHARACTER SET latin1")) {
      c.source(ROWS,
          "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
          "INSERT INTO t VALUES (4, 40, 'snowman \u2603')",
          "ALTER TABLE t MODIFY s VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci",
          "UPDATE t SET s = CONCAT(s, '\u00e9') WHERE id IN (1, 4)");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void tableOptions(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_table_options", T)) {
      c.source(ROWS,
          "ALTER TABLE t COMMENT = 'orders of the shop'",
          "ALTER TABLE t ROW_FORMAT = COMPRESSED KEY_BLOCK_SIZE = 8",
          "INSERT INTO t VALUES (4, 40, 'd')",
          "ALTER TABLE t ENGINE = InnoDB, ROW_FORMAT = DYNAMIC, KEY_BLOCK_SIZE = 0",
          "ALTER TABLE t AUTO_INCREMENT = 1000, DEFAULT CHARACTER SET latin1",
          "ALTER TABLE t ADD COLUMN n VARCHAR(5)",
          "INSERT INTO t VALUES (5, 50, 'e', 'latin')");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void partitions(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_partitions",
        "CREATE TABLE p (id INT NOT NULL, v INT, PRIMARY KEY (id)) PARTITION BY RANGE (id)"
            + " (PARTITION p0 VALUES LESS THAN (100), PARTITION p1 VALUES LESS THAN (200))")) {
      c.source("INSERT INTO p VALUES (1, 1), (150, 2)",
          "ALTER TABLE p ADD PARTITION (PARTITION p2 VALUES LESS THAN (300))",
          "INSERT INTO p VALUES (250, 3), (2, 4)",
          "ALTER TABLE p TRUNCATE PARTITION p0",
          "ALTER TABLE p REORGANIZE PARTITION p1, p2 INTO"
              + " (PARTITION p12 VALUES LESS THAN (300))",
          "INSERT INTO p VALUES (3, 5), (299, 6)",
          "ALTER TABLE p DROP PARTITION p0",
          "ALTER TABLE p ADD PARTITION (PARTITION pmax VALUES LESS THAN MAXVALUE)",
          "INSERT INTO p VALUES (1000, 7)",
          "CREATE TABLE h (id INT PRIMARY KEY, v INT) PARTITION BY HASH (id) PARTITIONS 4",
          "INSERT INTO h VALUES (1, 1), (2, 2), (3, 3)",
          "ALTER TABLE h COALESCE PARTITION 2",
          "ALTER TABLE h REMOVE PARTITIONING",
          "UPDATE h SET v = 0 WHERE id = 2");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void dropSeveralTablesAndIfExists(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_drop_several", T,
        "CREATE TABLE a (id INT PRIMARY KEY)", "CREATE TABLE b (id INT PRIMARY KEY)",
        "CREATE TABLE d (id INT PRIMARY KEY)")) {
      c.source(ROWS,
          "INSERT INTO a VALUES (1)",
          "DROP TABLE a, b",
          "DROP TABLE IF EXISTS d, never_there",
          "DROP TABLE IF EXISTS never_there_either",
          "INSERT INTO t VALUES (4, 40, 'd')");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void renameSeveralPairsAcrossMigratedDatabases(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor),
        List.of("ddl_rename_across", "ddl_rename_across_2"), OnlineDdlPolicy.Migrate, T,
        "CREATE TABLE u (id INT PRIMARY KEY, w INT)")) {
      c.source(ROWS,
          "INSERT INTO u VALUES (1, 1)",
          "CREATE DATABASE ddl_rename_across_2",
          "RENAME TABLE t TO ddl_rename_across_2.t, u TO u2,"
              + " ddl_rename_across_2.t TO ddl_rename_across_2.t_moved",
          "INSERT INTO ddl_rename_across_2.t_moved VALUES (4, 40, 'd')",
          "INSERT INTO u2 VALUES (2, 2)",
          "ALTER TABLE u2 RENAME TO ddl_rename_across_2.u",
          "UPDATE ddl_rename_across_2.u SET w = 0");
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void createAndDropAMigratedDatabase(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), List.of("ddl_database", "ddl_database_new",
        "ddl_database_gone"), OnlineDdlPolicy.Migrate, T)) {
      c.source(ROWS,
          "CREATE DATABASE ddl_database_new CHARACTER SET latin1",
          "CREATE TABLE ddl_database_new.x (id INT PRIMARY KEY, s VARCHAR(10))",
          "INSERT INTO ddl_database_new.x VALUES (1, 'one')",
          "CREATE SCHEMA IF NOT EXISTS ddl_database_gone",
          "CREATE TABLE ddl_database_gone.y (id INT PRIMARY KEY)",
          "INSERT INTO ddl_database_gone.y VALUES (1)",
          "DROP DATABASE ddl_database_gone",
          "DROP SCHEMA IF EXISTS ddl_database_never",
          "INSERT INTO ddl_database_new.x VALUES (2, 'two')");
      c.assertConverged();
      assertThat(c.snapshot(pair(flavor).target()).get("(schemas)"))
          .containsExactly("ddl_database", "ddl_database_new");
      assertThat(pair(flavor).target().query("SELECT DEFAULT_CHARACTER_SET_NAME"
          + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'ddl_database_new'"))
          .containsExactly(List.of("latin1"));
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void viewsTriggersAndRoutinesAreReportedAsNotReplayed(Flavor flavor) throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger targetDdl = (Logger) LoggerFactory.getLogger(TargetDdl.class);
    log.start();
    targetDdl.addAppender(log);
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_objects", T)) {
      c.source(ROWS,
          "CREATE VIEW v AS SELECT id, v FROM t",
          "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.s = UPPER(NEW.s)",
          "CREATE PROCEDURE p() SELECT 1",
          "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN x + 1",
          "ALTER VIEW v AS SELECT id FROM t",
          "DROP PROCEDURE p",
          "INSERT INTO t VALUES (4, 40, 'd')",
          "DROP TRIGGER tr");
      c.assertConverged();

      assertThat(log.list.stream().map(ILoggingEvent::getFormattedMessage)
          .filter(message -> message.contains("not replayed")).toList())
          .as("one line per statement, in order").satisfiesExactly(
              line -> assertThat(line).contains("VIEW").contains("SELECT id, v"),
              line -> assertThat(line).contains("TRIGGER").contains("tr"),
              line -> assertThat(line).contains("PROCEDURE").contains("p"),
              line -> assertThat(line).contains("FUNCTION").contains("f"),
              line -> assertThat(line).contains("VIEW").contains("SELECT id FROM"),
              line -> assertThat(line).contains("DROP PROCEDURE p"),
              line -> assertThat(line).contains("DROP TRIGGER tr"));
      assertThat(pair(flavor).target().query("SELECT COUNT(*) FROM information_schema.ROUTINES"
          + " WHERE ROUTINE_SCHEMA = 'ddl_objects'").get(0).get(0).toString())
          .as("routines are not replayed").isEqualTo("0");
      assertThat(pair(flavor).target().query("SELECT COUNT(*) FROM information_schema.VIEWS"
          + " WHERE TABLE_SCHEMA = 'ddl_objects'").get(0).get(0).toString())
          .as("views are not replayed").isEqualTo("0");
    } finally {
      targetDdl.detachAppender(log);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void createTableAsSelect(Flavor flavor) throws Exception {
    Assumptions.assumeTrue(flavor != Flavor.MYSQL57, "MySQL 5.7 with GTIDs refuses CREATE TABLE"
        + " ... SELECT (enforce_gtid_consistency)");
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_create_select", T)) {
      c.source(ROWS,
          "CREATE TABLE c (PRIMARY KEY (id)) AS SELECT id, v * 2 AS doubled FROM t",
          "INSERT INTO c VALUES (10, 100)",
          "CREATE TABLE IF NOT EXISTS c2 SELECT s FROM t WHERE id > 1",
          "UPDATE c SET doubled = 0 WHERE id = 1");
      c.assertConverged();
    }
  }


  @ParameterizedTest
  @EnumSource(Flavor.class)
  void tableMaintenanceIsLoggedAsNotReplayed(Flavor flavor) throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger reader = (Logger) LoggerFactory.getLogger("dev.ferry.worker.cdc.read.EventAssembler");
    log.start();
    reader.addAppender(log);
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_maintenance", T)) {
      c.source(ROWS,
          "ANALYZE TABLE t",
          "OPTIMIZE TABLE t",
          "INSERT INTO t VALUES (4, 40, 'd')",
          "REPAIR TABLE t");
      c.assertConverged();

      assertThat(log.list.stream().map(ILoggingEvent::getFormattedMessage)
          .filter(message -> message.contains("not replayed")).toList())
          .as("one line per statement, in order").satisfiesExactly(
              line -> assertThat(line).contains("ANALYZE TABLE"),
              line -> assertThat(line).contains("OPTIMIZE TABLE"),
              line -> assertThat(line).contains("REPAIR TABLE"));
    } finally {
      reader.detachAppender(log);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void ghostMigrationSkippingTheShadow(Flavor flavor) throws Exception {
    ghostMigration(flavor, "ddl_ghost_skip", OnlineDdlPolicy.SkipGhost);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void ghostMigrationMigratingTheShadow(Flavor flavor) throws Exception {
    ghostMigration(flavor, "ddl_ghost_migrate", OnlineDdlPolicy.Migrate);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void ptOscMigrationSkippingTheShadow(Flavor flavor) throws Exception {
    ptOscMigration(flavor, "ddl_ptosc_skip", OnlineDdlPolicy.SkipGhost);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void ptOscMigrationMigratingTheShadow(Flavor flavor) throws Exception {
    ptOscMigration(flavor, "ddl_ptosc_migrate", OnlineDdlPolicy.Migrate);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void ddlWhileTheWorkerIsStopped(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_stopped", T,
        "CREATE TABLE other (id INT PRIMARY KEY, w INT)")) {
      c.source(ROWS);
      c.stopPhase();
      c.source(false, "INSERT INTO t VALUES (4, 40, 'd')",
          "ALTER TABLE t ADD COLUMN a INT NOT NULL DEFAULT 1",
          "INSERT INTO t VALUES (5, 50, 'e', 5)",
          "UPDATE t SET a = 2, v = v + 1 WHERE id IN (1, 4)",
          "ALTER TABLE other ADD INDEX by_w (w)",
          "INSERT INTO other VALUES (1, 1)",
          "RENAME TABLE other TO other2",
          "INSERT INTO other2 VALUES (2, 2)");
      c.startPhase();
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void columnAndTableDdlWhileTheWorkerIsStopped(Flavor flavor) throws Exception {
    Assumptions.assumeTrue(flavor != Flavor.MYSQL57, "the phase is stopped right after its"
        + " start, possibly before its schema history was captured; MySQL 5.7 row events name"
        + " no columns, so rows before the capture are decoded with the columns of now (the"
        + " history's documented limit; SchemaHistoryTest covers a stop after the capture)");
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_stopped_many", OnlineDdlPolicy.SkipGhost,
        T, "CREATE TABLE g (id INT PRIMARY KEY, v INT)", "INSERT INTO g VALUES (1, 1)")) {
      c.stopPhase();
      c.source(false, ROWS,
          "ALTER TABLE t DROP COLUMN v",
          "INSERT INTO t VALUES (4, 'd')",
          "ALTER TABLE t ADD COLUMN v INT FIRST",
          "INSERT INTO t VALUES (50, 5, 'e')",
          "ALTER TABLE t CHANGE COLUMN s label VARCHAR(30) AFTER v",
          "INSERT INTO t VALUES (60, 'f', 6)",
          "UPDATE t SET label = CONCAT(label, id) WHERE id IN (1, 4)",
          "ALTER TABLE t ADD UNIQUE KEY by_label (label), DROP PRIMARY KEY",
          "INSERT INTO t VALUES (70, 'g', 7)",
          "RENAME TABLE t TO t2",
          "UPDATE t2 SET v = 0 WHERE id = 7",
          "CREATE TABLE _g_gho LIKE g",
          "ALTER TABLE _g_gho ADD COLUMN flag INT NOT NULL DEFAULT 3",
          "INSERT INTO _g_gho (id, v) SELECT id, v FROM g",
          "INSERT INTO g VALUES (2, 2)",
          "INSERT INTO _g_gho (id, v) VALUES (2, 2)",
          "RENAME TABLE g TO _g_del, _g_gho TO g",
          "DROP TABLE _g_del",
          "INSERT INTO g VALUES (3, 3, 4)");
      c.startPhase();
      c.assertConverged();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void ddlAlreadyOnTheTargetAtTheStartIsSkipped(Flavor flavor) throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), "ddl_prepared", T,
        "CREATE TABLE k (id INT NOT NULL, v INT)")) {
      c.target("ALTER TABLE t CHANGE COLUMN v amount BIGINT NULL",
          "ALTER TABLE k ADD PRIMARY KEY (id)",
          "ALTER TABLE t ADD INDEX by_s (s)");
      c.source(false, "ALTER TABLE t CHANGE COLUMN v amount BIGINT NULL",
          "ALTER TABLE k ADD PRIMARY KEY (id)",
          "ALTER TABLE t ADD INDEX by_s (s)",
          ROWS,
          "INSERT INTO k VALUES (1, 1)",
          "UPDATE t SET amount = 0 WHERE id = 2");
      c.assertConverged();
    }
  }

  private static void ghostMigration(Flavor flavor, String schema, OnlineDdlPolicy online)
      throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), schema, online, T)) {
      c.source(ROWS,
          "CREATE TABLE _t_ghc (id BIGINT AUTO_INCREMENT PRIMARY KEY, hint VARCHAR(64))",
          "INSERT INTO _t_ghc (hint) VALUES ('state')",
          "CREATE TABLE _t_gho LIKE t",
          "ALTER TABLE _t_gho ADD COLUMN flag TINYINT NOT NULL DEFAULT 7, ADD INDEX by_v (v)",
          "INSERT INTO t VALUES (4, 40, 'd')",
          "INSERT INTO _t_gho (id, v, s) SELECT id, v, s FROM t",
          "UPDATE t SET v = 11 WHERE id = 1",
          "UPDATE _t_gho SET v = 11 WHERE id = 1",
          "RENAME TABLE t TO _t_del, _t_gho TO t",
          "DROP TABLE _t_del",
          "DROP TABLE _t_ghc",
          "INSERT INTO t VALUES (5, 50, 'e', 1)",
          "UPDATE t SET flag = 0 WHERE id IN (2, 5)");
      c.assertConverged();
    }
  }

  private static void ptOscMigration(Flavor flavor, String schema, OnlineDdlPolicy online)
      throws Exception {
    try (DdlCase c = DdlCase.start(pair(flavor), schema, online, T)) {
      c.source(ROWS,
          "CREATE TABLE _t_new LIKE t",
          "ALTER TABLE _t_new ADD COLUMN flag TINYINT NOT NULL DEFAULT 7",
          "CREATE TRIGGER pt_osc_del AFTER DELETE ON t FOR EACH ROW"
              + " DELETE IGNORE FROM _t_new WHERE id = OLD.id",
          "CREATE TRIGGER pt_osc_upd AFTER UPDATE ON t FOR EACH ROW"
              + " REPLACE INTO _t_new (id, v, s) VALUES (NEW.id, NEW.v, NEW.s)",
          "CREATE TRIGGER pt_osc_ins AFTER INSERT ON t FOR EACH ROW"
              + " REPLACE INTO _t_new (id, v, s) VALUES (NEW.id, NEW.v, NEW.s)",
          "INSERT LOW_PRIORITY IGNORE INTO _t_new (id, v, s) SELECT id, v, s FROM t",
          "INSERT INTO t VALUES (4, 40, 'd')",
          "UPDATE t SET v = 11 WHERE id = 1",
          "DELETE FROM t WHERE id = 3",
          "RENAME TABLE t TO _t_old, _t_new TO t",
          "DROP TABLE _t_old",
          "INSERT INTO t VALUES (5, 50, 'e', 1)",
          "UPDATE t SET flag = 0 WHERE id IN (2, 5)");
      c.assertConverged();
    }
  }

  private static DatabasePair pair(Flavor flavor) {
    return dbs.pair(flavor, flavor);
  }
}
