package dev.ferry.worker.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrantsTest {

  private static final List<String> NEEDED = List.of("SELECT", "INSERT", "UPDATE");

  @Test
  void readsGlobalPrivilegesInMySqlAndMariaDbForm() {
    Grants mysql = Grants.parse(List.of(
        "GRANT SELECT, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `ferry`@`%`",
        "GRANT BACKUP_ADMIN,SYSTEM_VARIABLES_ADMIN ON *.* TO `ferry`@`%`"));
    Grants mariadb = Grants.parse(List.of("GRANT SELECT, REPLICATION SLAVE, BINLOG MONITOR ON *.* "
        + "TO `ferry`@`%` IDENTIFIED BY PASSWORD '*0123456789ABCDEF0123456789ABCDEF01234567'"));

    assertThat(mysql.hasGlobal("REPLICATION SLAVE")).isTrue();
    assertThat(mysql.hasGlobal("SYSTEM_VARIABLES_ADMIN")).isTrue();
    assertThat(mysql.hasGlobal("SUPER")).isFalse();
    assertThat(mariadb.hasGlobal("BINLOG MONITOR")).isTrue();
    assertThat(mariadb.hasGlobal("REPLICATION CLIENT")).isFalse();
    assertThat(mariadb.viaRoles()).isFalse();
  }

  @Test
  void allPrivilegesCoverEverything() {
    Grants grants = Grants.parse(List.of("GRANT ALL PRIVILEGES ON *.* TO `admin`@`%` WITH GRANT "
        + "OPTION"));

    assertThat(grants.hasGlobal("REPLICATION SLAVE")).isTrue();
    assertThat(grants.missingOnSchema("shop", NEEDED)).isEmpty();
  }

  @Test
  void schemaGrantsHonourWildcardsAndEscapes() {
    Grants grants = Grants.parse(List.of("GRANT USAGE ON *.* TO `w`@`%`",
        "GRANT SELECT, INSERT, UPDATE ON `shop\\_%`.* TO `w`@`%`",
        "GRANT ALL PRIVILEGES ON `crm`.* TO `w`@`%`",
        "GRANT SELECT ON `a_b`.* TO `w`@`%`"));

    assertThat(grants.missingOnSchema("shop_eu", NEEDED)).isEmpty();
    assertThat(grants.missingOnSchema("shopXeu", NEEDED)).containsExactly("SELECT", "INSERT",
        "UPDATE");
    assertThat(grants.missingOnSchema("crm", NEEDED)).isEmpty();
    assertThat(grants.missingOnSchema("aXb", NEEDED)).containsExactly("INSERT", "UPDATE");
    assertThat(grants.hasGlobal("SELECT")).isFalse();
  }

  @Test
  void columnTableAndRoutineGrantsDoNotCountForASchema() {
    Grants grants = Grants.parse(List.of("GRANT USAGE ON *.* TO `w`@`%`",
        "GRANT SELECT (`id`, `name`), INSERT ON `shop`.`item` TO `w`@`%`",
        "GRANT EXECUTE ON PROCEDURE `shop`.`p` TO `w`@`%`",
        "GRANT UPDATE (`a`), SELECT ON `shop`.* TO `w`@`%`"));

    assertThat(grants.missingOnSchema("shop", NEEDED)).containsExactly("INSERT", "UPDATE");
  }

  @Test
  void notesRolesWhosePrivilegesItCannotSee() {
    assertThat(Grants.parse(List.of("GRANT USAGE ON *.* TO `u`@`%`",
        "GRANT `migrator`@`%` TO `u`@`%`")).viaRoles()).isTrue();
    assertThat(Grants.parse(List.of("GRANT `migrator` TO `u`@`%`",
        "GRANT USAGE ON *.* TO `u`@`%`")).viaRoles()).isTrue();
  }

  /** What SHOW GRANTS prints for the master user of Aurora MySQL 3 (MySQL 8.0 based). */
  @Test
  void auroraOnlyPrivilegesAndRolesDoNotBreakTheParser() {
    Grants aurora = Grants.parse(List.of(
        "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, PROCESS, REFERENCES, INDEX,"
            + " ALTER, SHOW DATABASES, CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE,"
            + " REPLICATION SLAVE, REPLICATION CLIENT, CREATE VIEW, SHOW VIEW, CREATE ROUTINE,"
            + " ALTER ROUTINE, CREATE USER, EVENT, TRIGGER, LOAD FROM S3, SELECT INTO S3,"
            + " INVOKE LAMBDA, INVOKE SAGEMAKER, INVOKE COMPREHEND ON *.* TO `admin`@`%`"
            + " WITH GRANT OPTION",
        "GRANT APPLICATION_PASSWORD_ADMIN,AURORA_LOAD_FROM_S3,AURORA_SELECT_INTO_S3,"
            + "BACKUP_ADMIN,CONNECTION_ADMIN,FLUSH_OPTIMIZER_COSTS,ROLE_ADMIN,"
            + "SESSION_VARIABLES_ADMIN,SET_USER_ID,SHOW_ROUTINE,XA_RECOVER_ADMIN ON *.*"
            + " TO `admin`@`%` WITH GRANT OPTION",
        "GRANT `rds_superuser_role`@`%` TO `admin`@`%`",
        "GRANT `AWS_LAMBDA_ACCESS`@`%`,`AWS_LOAD_S3_ACCESS`@`%` TO `admin`@`%`"));

    assertThat(aurora.hasGlobal("REPLICATION SLAVE")).isTrue();
    assertThat(aurora.hasGlobal("REPLICATION CLIENT")).isTrue();
    assertThat(aurora.hasGlobal("LOAD FROM S3")).isTrue();
    assertThat(aurora.hasGlobal("SUPER")).isFalse();
    assertThat(aurora.missingOnSchema("shop", NEEDED)).isEmpty();
    assertThat(aurora.viaRoles()).isTrue();
  }

  /** The limited source user of the docs on MySQL 8: nothing more than a migration needs. */
  @Test
  void limitedMySqlSourceUser() {
    Grants limited = Grants.parse(List.of("GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT,"
        + " SHOW VIEW ON *.* TO `ferry`@`%`"));

    assertThat(limited.hasGlobal("REPLICATION SLAVE")).isTrue();
    assertThat(limited.hasGlobal("REPLICATION CLIENT")).isTrue();
    assertThat(limited.hasGlobal("SHOW VIEW")).isTrue();
    assertThat(limited.missingOnSchema("shop", List.of("SELECT"))).isEmpty();
    assertThat(limited.missingOnSchema("shop", NEEDED)).containsExactly("INSERT", "UPDATE");
    assertThat(limited.viaRoles()).isFalse();
  }
}
