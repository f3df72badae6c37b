package dev.ferry.worker.catalog;

import dev.ferry.api.v1alpha1.ColumnRename;
import dev.ferry.api.v1alpha1.DdlOperation;
import dev.ferry.api.v1alpha1.DmlOperation;
import dev.ferry.api.v1alpha1.NameCase;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.worker.sql.TableRef;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one source table lands on the target: its target name, renamed columns, row filter and
 * the changes replicated for it, from the first matching {@code spec.objects.rules} entry and the
 * name case policy.
 *
 * @param where row filter as validated by the spec rules, or null
 */
public record TableMapping(TableRef source, TableRef target, Map<String, String> columnRenames,
    String where, Set<DmlOperation> operations, Set<DdlOperation> ddl, NameCase nameCase) {

  public TableMapping {
    columnRenames = Map.copyOf(columnRenames);
    operations = operations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(operations));
    ddl = ddl.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(ddl));
  }

  /** The mapping of {@code source} under {@code rule} (if any) and the name case policy. */
  public static TableMapping of(TableRef source, Optional<TableRule> rule, NameCase nameCase) {
    String schema = rule.map(TableRule::getTargetSchema).orElse(source.schema());
    String table = rule.map(TableRule::getTargetTable).orElse(source.table());
    Map<String, String> renames = new LinkedHashMap<>();
    rule.ifPresent(r -> r.getColumns().forEach(
        (ColumnRename c) -> renames.put(c.getFrom().toLowerCase(Locale.ROOT), c.getTo())));
    return new TableMapping(source,
        new TableRef(applyCase(schema, nameCase), applyCase(table, nameCase)), renames,
        rule.map(TableRule::getWhere).orElse(null),
        rule.map(r -> Set.copyOf(r.getOperations())).orElse(EnumSet.allOf(DmlOperation.class)),
        rule.map(r -> Set.copyOf(r.getDdl())).orElse(EnumSet.allOf(DdlOperation.class)),
        nameCase);
  }

  /** The target name of a source column (column names are case-insensitive in MySQL). */
  public String targetColumn(String sourceColumn) {
    String renamed = columnRenames.get(sourceColumn.toLowerCase(Locale.ROOT));
    return applyCase(renamed != null ? renamed : sourceColumn, nameCase);
  }

  private static String applyCase(String name, NameCase nameCase) {
    return switch (nameCase) {
      case Keep -> name;
      case Lower -> name.toLowerCase(Locale.ROOT);
      case Upper -> name.toUpperCase(Locale.ROOT);
    };
  }
}
