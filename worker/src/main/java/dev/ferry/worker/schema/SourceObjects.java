package dev.ferry.worker.schema;

import dev.ferry.api.objects.ObjectFilter;
import dev.ferry.api.objects.TablePattern;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.NameCase;
import dev.ferry.worker.catalog.SourceCatalog;
import dev.ferry.worker.catalog.TableDefinitions;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The migrated schema objects of one source with their DDL as the source prints it: tables
 * (from the catalog's filter and rules), views (filtered and renamed like tables), triggers of
 * migrated tables, and procedures and functions of the schemas that have migrated tables or
 * views (unless an exclude pattern matches {@code schema.routine}). Events are not read.
 *
 * <p>Routines land in the target schema that all migrated tables of their schema go to; when
 * those differ, in the target schema of the rule matching {@code schema.routine}, else their own.
 */
final class SourceObjects {

  /** A source schema's defaults. */
  record Schema(String name, String charset, String collation) {}

  /** A table; its {@code SHOW CREATE TABLE} text is null when it was not read. */
  record Table(TableMapping mapping, String ddl) {}

  /** A view; its {@code SHOW CREATE VIEW} text is null when it was not read. */
  record View(TableMapping mapping, String ddl) {}

  /**
   * @param source source schema and trigger name
   * @param target target schema and trigger name
   */
  record Trigger(TableRef source, TableRef target, TableMapping table, String statement,
      String sqlMode) {}

  record Routine(ObjectType type, TableRef source, TableRef target, String ddl, String sqlMode) {}

  final List<Schema> schemas = new ArrayList<>();
  final List<Table> tables = new ArrayList<>();
  final List<View> views = new ArrayList<>();
  final List<Trigger> triggers = new ArrayList<>();
  final List<Routine> routines = new ArrayList<>();
  final NameMap names = new NameMap();
  /** Target schema of each source schema whose migrated objects all go to one schema. */
  private final Map<String, String> schemaTargets = new LinkedHashMap<>();

  private final Connection source;
  private final String sourceName;
  private final MigrationTaskSpec spec;
  private final ObjectFilter filter;
  private final NameCase nameCase;
  private final boolean definitions;

  private SourceObjects(Connection source, String sourceName, MigrationTaskSpec spec,
      boolean definitions) {
    this.source = source;
    this.definitions = definitions;
    this.sourceName = sourceName;
    this.spec = spec;
    this.filter = ObjectFilter.of(spec);
    this.nameCase = spec.getSchema().getNameCase();
  }

  /**
   * Reads the objects {@code spec} migrates from {@code source}; views, triggers and routines
   * only when the spec's schema switches enable them.
   *
   * @param sourceName the source's name, for messages
   * @param definitions whether to read the definitions of tables and views (one SHOW CREATE
   *     each), which only the objects step needs: the triggers step needs their names
   */
  static SourceObjects read(Connection source, String sourceName, MigrationTaskSpec spec,
      boolean definitions) throws SQLException {
    SourceObjects objects = new SourceObjects(source, sourceName, spec, definitions);
    TableDefinitions.prepareSession(source);
    objects.readTables();
    if (spec.getSchema().isViews()) {
      objects.readViews();
    }
    objects.readSchemas();
    if (spec.getSchema().isRoutines()) {
      objects.readRoutines();
    }
    if (spec.getSchema().isTriggers()) {
      objects.readTriggers();
    }
    return objects;
  }

  /** The source's name in the spec. */
  String sourceName() {
    return sourceName;
  }

  private void readTables() throws SQLException {
    for (TableMapping table : SourceCatalog.tables(source, spec)) {
      names.addTable(table);
      tables.add(new Table(table, definitions
          ? showCreate("SHOW CREATE TABLE " + table.source().sql(), 2) : null));
    }
  }

  private void readViews() throws SQLException {
    List<TableRef> found = new ArrayList<>();
    try (PreparedStatement query = source.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME"
        + " FROM information_schema.TABLES WHERE TABLE_TYPE = 'VIEW'"
        + " ORDER BY TABLE_SCHEMA, TABLE_NAME");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        if (filter.includes(rs.getString(1), rs.getString(2))) {
          found.add(new TableRef(rs.getString(1), rs.getString(2)));
        }
      }
    }
    for (TableRef ref : found) {
      TableMapping view = TableMapping.of(ref, filter.ruleFor(ref.schema(), ref.table()),
          nameCase);
      names.addView(view);
      views.add(new View(view, definitions ? showCreate("SHOW CREATE VIEW " + ref.sql(), 2)
          : null));
    }
  }

  private void readSchemas() throws SQLException {
    Map<String, Set<String>> targets = new LinkedHashMap<>();
    tables.forEach(t -> targets.computeIfAbsent(t.mapping().source().schema(),
        k -> new LinkedHashSet<>()).add(t.mapping().target().schema()));
    views.forEach(v -> targets.computeIfAbsent(v.mapping().source().schema(),
        k -> new LinkedHashSet<>()).add(v.mapping().target().schema()));
    Map<String, Schema> defaults = new HashMap<>();
    try (PreparedStatement query = source.prepareStatement("SELECT SCHEMA_NAME,"
        + " DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        defaults.put(rs.getString(1), new Schema(rs.getString(1), rs.getString(2),
            rs.getString(3)));
      }
    }
    for (Map.Entry<String, Set<String>> entry : targets.entrySet()) {
      Schema schema = defaults.get(entry.getKey());
      for (String target : entry.getValue()) {
        schemas.add(new Schema(target, schema.charset(), schema.collation()));
      }
      if (entry.getValue().size() == 1) {
        schemaTargets.put(entry.getKey(), entry.getValue().iterator().next());
      }
    }
  }

  private void readRoutines() throws SQLException {
    List<TablePattern> excluded =
        spec.getObjects().getExclude().stream().map(TablePattern::parse).toList();
    List<Routine> found = new ArrayList<>();
    try (PreparedStatement query = source.prepareStatement("SELECT ROUTINE_SCHEMA, ROUTINE_NAME,"
        + " ROUTINE_TYPE FROM information_schema.ROUTINES"
        + " WHERE ROUTINE_TYPE IN ('PROCEDURE', 'FUNCTION')"
        + " ORDER BY ROUTINE_SCHEMA, ROUTINE_TYPE, ROUTINE_NAME");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        String schema = rs.getString(1);
        String name = rs.getString(2);
        if (hasMigratedObjects(schema)
            && excluded.stream().noneMatch(pattern -> pattern.matches(schema, name))) {
          TableRef ref = new TableRef(schema, name);
          found.add(new Routine(ObjectType.valueOf(rs.getString(3)), ref,
              new TableRef(routineSchema(ref), NameCases.apply(name, nameCase)), null, null));
        }
      }
    }
    for (Routine routine : found) {
      names.addRoutine(routine.source(), routine.target());
      String[] created = showCreateWithMode("SHOW CREATE " + routine.type() + " "
          + routine.source().sql(), routine.type().name().toLowerCase(Locale.ROOT) + " "
          + routine.source());
      routines.add(new Routine(routine.type(), routine.source(), routine.target(), created[0],
          created[1]));
    }
  }

  private void readTriggers() throws SQLException {
    List<Trigger> found = new ArrayList<>();
    try (PreparedStatement query = source.prepareStatement("SELECT TRIGGER_SCHEMA, TRIGGER_NAME,"
        + " EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS"
        + " ORDER BY EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, ACTION_TIMING,"
        + " EVENT_MANIPULATION, ACTION_ORDER");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        TableMapping table = names.relation(rs.getString(3), rs.getString(4));
        if (table != null && !names.isView(table.source())) {
          TableRef ref = new TableRef(rs.getString(1), rs.getString(2));
          found.add(new Trigger(ref, new TableRef(table.target().schema(),
              NameCases.apply(ref.table(), nameCase)), table, null, null));
        }
      }
    }
    for (Trigger trigger : found) {
      String[] created = showCreateWithMode("SHOW CREATE TRIGGER " + trigger.source().sql(),
          "trigger " + trigger.source());
      triggers.add(new Trigger(trigger.source(), trigger.target(), trigger.table(), created[0],
          created[1]));
    }
  }

  private boolean hasMigratedObjects(String schema) {
    return tables.stream().anyMatch(t -> t.mapping().source().schema().equals(schema))
        || views.stream().anyMatch(v -> v.mapping().source().schema().equals(schema));
  }

  private String routineSchema(TableRef routine) {
    String unique = schemaTargets.get(routine.schema());
    if (unique != null) {
      return unique;
    }
    return TableMapping.of(routine, filter.ruleFor(routine.schema(), routine.table()), nameCase)
        .target().schema();
  }

  private String showCreate(String sql, int column) throws SQLException {
    try (Statement statement = source.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(column);
    }
  }

  /** The statement (column 3) and sql_mode (column 2) of SHOW CREATE TRIGGER/PROCEDURE/FUNCTION. */
  private String[] showCreateWithMode(String sql, String what) throws SQLException {
    try (Statement statement = source.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      String text = rs.getString(3);
      if (text == null) {
        throw new FerryException(FailureClass.Other, "source " + sourceName + " does not show"
            + " Ferry's user the definition of " + what + ": grant it the SHOW_ROUTINE privilege"
            + " (MySQL 8.0.20+) or SELECT on mysql.proc (MariaDB), or set"
            + " spec.schema.routines: false to skip routines");
      }
      return new String[] {text, rs.getString(2)};
    }
  }
}
