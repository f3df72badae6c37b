package dev.ferry.worker.precheck;

import dev.ferry.api.v1alpha1.ConflictPolicy;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the migrated tables' target names with the target's tables. When the schema phase
 * creates them, existing ones conflict (unless {@code conflictPolicy: Ignore}); when it does not
 * (mode Incremental, or {@code spec.schema.enabled: false}), every one must already exist.
 */
final class ConflictingTablesCheck {

  private static final String TABLES = "SELECT TABLE_SCHEMA, TABLE_NAME"
      + " FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (%s)";
  private static final Comparator<TableRef> ORDER =
      Comparator.comparing(TableRef::schema).thenComparing(TableRef::table);

  private ConflictingTablesCheck() {}

  static Finding check(Connection target, Collection<TableRef> targetTables,
      boolean createsSchema, ConflictPolicy policy) throws SQLException {
    if (createsSchema && policy == ConflictPolicy.Ignore) {
      return Finding.skipped("spec.schema.conflictPolicy is Ignore: existing tables are kept");
    }
    boolean caseInsensitive = lowerCaseTableNames(target);
    Set<String> existing = new HashSet<>();
    List<String> schemas = List.copyOf(
        new TreeSet<>(targetTables.stream().map(TableRef::schema).toList()));
    SchemaQuery.forEachRow(target, TABLES, schemas,
        rs -> existing.add(key(new TableRef(rs.getString(1), rs.getString(2)), caseInsensitive)));
    if (createsSchema) {
      List<TableRef> conflicts = targetTables.stream()
          .filter(table -> existing.contains(key(table, caseInsensitive))).sorted(ORDER).toList();
      return conflicts.isEmpty()
          ? Finding.pass("none of the " + targetTables.size() + " table(s) exists on the target")
          : Finding.fail(conflicts.size() + " table(s) already exist on the target: "
                  + Listing.of(conflicts),
              "drop or rename them on the target, map the tables to other names with "
                  + "spec.objects.rules, or set spec.schema.conflictPolicy: Ignore to keep them");
    }
    List<TableRef> absent = targetTables.stream()
        .filter(table -> !existing.contains(key(table, caseInsensitive))).sorted(ORDER).toList();
    return absent.isEmpty()
        ? Finding.pass("all " + targetTables.size() + " table(s) exist on the target")
        : Finding.fail(absent.size() + " table(s) do not exist on the target, and this task "
                + "does not create them: " + Listing.of(absent),
            "create them on the target first, or let Ferry create them (mode Full or All with "
                + "spec.schema.enabled: true)");
  }

  private static String key(TableRef table, boolean caseInsensitive) {
    String key = table.schema() + "\u0000" + table.table();
    return caseInsensitive ? key.toLowerCase(Locale.ROOT) : key;
  }

  private static boolean lowerCaseTableNames(Connection target) throws SQLException {
    try (Statement statement = target.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@lower_case_table_names")) {
      return rs.next() && rs.getInt(1) != 0;
    }
  }
}
