package dev.ferry.worker.precheck;

import dev.ferry.api.v1alpha1.FenceMode;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.Flavor;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the cutover can fence the source as {@code spec.cutover.fence: ReadOnly} asks, long
 * before the cutover: the user may set {@code read_only} (probed by setting it to its current
 * value, which changes nothing), or else holds TRIGGER on every migrated schema for the
 * write-blocking triggers — which, with the binlog on and no SUPER, also need
 * {@code log_bin_trust_function_creators = 1}.
 */
final class FenceCheck {

  private static final Set<Integer> NOT_PERMITTED = Set.of(1227, 1044, 1142);

  private FenceCheck() {}

  static Finding check(SourceServer source, FenceMode fence) throws SQLException {
    if (fence != FenceMode.ReadOnly) {
      return Finding.skipped("spec.cutover.fence is None: the application stops writing to the"
          + " source itself before the cutover drains");
    }
    if (maySetReadOnly(source)) {
      return Finding.pass("the user may set read_only: the cutover fences with read_only = ON");
    }
    Grants grants = Grants.read(source.connection());
    Set<String> schemas = new TreeSet<>();
    for (TableMapping table : source.tables()) {
      schemas.add(table.source().schema());
    }
    List<String> withoutTrigger = schemas.stream()
        .filter(schema -> !grants.missingOnSchema(schema, List.of("TRIGGER")).isEmpty())
        .toList();
    String remedy = "GRANT the user " + readOnlyPrivilege(source) + " ON *.* (to set read_only),"
        + " or TRIGGER on the migrated schemas, or set spec.cutover.fence: None and stop the"
        + " application's writes yourself before the cutover";
    if (!withoutTrigger.isEmpty()) {
      String message = "the user may not set read_only and lacks TRIGGER on "
          + String.join(", ", withoutTrigger) + ", so the cutover could not fence the source";
      return grants.viaRoles() ? Finding.warn(message + " unless a granted role gives it", remedy)
          : Finding.fail(message, remedy);
    }
    if (needsTrustedCreators(source, grants)) {
      return Finding.fail("the user may not set read_only, and creating the write-blocking"
          + " triggers needs log_bin_trust_function_creators = 1 (binary logging is on and the"
          + " user has no SUPER)", "SET GLOBAL log_bin_trust_function_creators = 1 (on Aurora"
          + " and RDS: in the DB parameter group), or " + remedy);
    }
    return Finding.warn("the user may not set read_only: the cutover fences with"
        + " write-blocking triggers (ferry_fence_*) on the migrated tables; they refuse writes"
        + " from every account and stay after the cutover",
        "nothing to do; to fence with read_only instead, GRANT " + readOnlyPrivilege(source)
            + " ON *.* TO the user");
  }

  private static boolean maySetReadOnly(SourceServer source) throws SQLException {
    try (Statement statement = source.connection().createStatement()) {
      statement.execute("SET GLOBAL read_only = @@GLOBAL.read_only");
      return true;
    } catch (SQLException e) {
      if (NOT_PERMITTED.contains(e.getErrorCode())) {
        return false;
      }
      throw e;
    }
  }

  private static boolean needsTrustedCreators(SourceServer source, Grants grants) {
    return !grants.hasGlobal("SUPER") && source.variables().isOn("log_bin")
        && !source.variables().isOn("log_bin_trust_function_creators");
  }

  /** MySQL 5.7 (Aurora MySQL 2) has no dynamic privileges: there only SUPER sets read_only. */
  private static String readOnlyPrivilege(SourceServer source) {
    if (source.info().flavor() == Flavor.MARIADB) {
      return "READ_ONLY ADMIN";
    }
    return source.info().flavor() == Flavor.MYSQL && !source.info().atLeast(8, 0) ? "SUPER"
        : "SYSTEM_VARIABLES_ADMIN";
  }
}
