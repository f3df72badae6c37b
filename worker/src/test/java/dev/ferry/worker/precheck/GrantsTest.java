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
}
