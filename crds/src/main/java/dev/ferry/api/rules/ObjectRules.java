package dev.ferry.api.rules;

import dev.ferry.api.objects.TablePattern;
import dev.ferry.api.v1alpha1.ColumnRename;
import dev.ferry.api.v1alpha1.ObjectsSpec;
import dev.ferry.api.v1alpha1.TableRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rules for {@code spec.objects}: patterns, renames, row filters. */
final class ObjectRules {

  private static final String PATTERN_FIX = "write schema.table with * and ? globs (shop.*),"
      + " a schema name (shop), or ~regex (~^shop_\\d+\\.orders$)";

  private ObjectRules() {}

  static void check(ObjectsSpec objects, Problems problems) {
    checkPatterns(objects.getInclude(), "spec.objects.include", problems);
    checkPatterns(objects.getExclude(), "spec.objects.exclude", problems);
    List<TableRule> rules = objects.getRules();
    for (int i = 0; i < rules.size(); i++) {
      String path = "spec.objects.rules[" + i + "]";
      if (rules.get(i) == null) {
        problems.missing(path, "describe the rule or remove the empty list entry");
      } else {
        checkRule(rules.get(i), path, problems);
      }
    }
  }

  private static void checkPatterns(List<String> patterns, String path, Problems problems) {
    for (int i = 0; i < patterns.size(); i++) {
      pattern(patterns.get(i), path + "[" + i + "]", problems);
    }
  }

  private static void pattern(String text, String path, Problems problems) {
    try {
      TablePattern.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(path, text, e.getMessage(), PATTERN_FIX);
    }
  }

  private static void checkRule(TableRule rule, String path, Problems problems) {
    if (rule.getMatch() == null) {
      problems.missing(path + ".match", PATTERN_FIX);
    } else {
      pattern(rule.getMatch(), path + ".match", problems);
    }
    if (rule.getTargetSchema() != null) {
      problems.addIf(path + ".targetSchema", rule.getTargetSchema(),
          Names.tableIdentifierProblem(rule.getTargetSchema()),
          "use a schema name of 1 to 64 characters without '.', '/' or '\\'");
    }
    if (rule.getTargetTable() != null) {
      problems.addIf(path + ".targetTable", rule.getTargetTable(),
          Names.tableIdentifierProblem(rule.getTargetTable()),
          "use a table name of 1 to 64 characters without '.', '/' or '\\'");
    }
    checkColumns(rule.getColumns(), path + ".columns", problems);
    if (rule.getWhere() != null) {
      problems.addIf(path + ".where", rule.getWhere(), WhereClause.problem(rule.getWhere()),
          "write one boolean expression over the source columns, such as region = 'eu' AND"
          + " id > 1000");
    }
  }

  private static void checkColumns(List<ColumnRename> columns, String path, Problems problems) {
    Set<String> sources = new HashSet<>();
    Set<String> targets = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnRename column = columns.get(i);
      String at = path + "[" + i + "]";
      if (column == null) {
        problems.missing(at, "give from and to, or remove the empty list entry");
        continue;
      }
      checkColumnName(column.getFrom(), at + ".from", problems);
      checkColumnName(column.getTo(), at + ".to", problems);
      if (column.getFrom() != null && !sources.add(column.getFrom().toLowerCase())) {
        problems.add(at + ".from", column.getFrom(), "is renamed twice",
            "rename each column once");
      }
      if (column.getTo() != null && !targets.add(column.getTo().toLowerCase())) {
        problems.add(at + ".to", column.getTo(), "is the target of two renames",
            "give every renamed column its own target name");
      }
    }
  }

  private static void checkColumnName(String name, String path, Problems problems) {
    if (name == null) {
      problems.missing(path, "give a column name");
    } else {
      problems.addIf(path, name, Names.identifierProblem(name),
          "use a column name of 1 to 64 characters without a trailing space");
    }
  }
}
