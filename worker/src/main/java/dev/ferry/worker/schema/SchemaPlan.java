package dev.ferry.worker.schema;

import dev.ferry.worker.catalog.CollationMapping;
import dev.ferry.worker.catalog.TableDefinitions;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The target DDL for the objects of all sources, in creation order: schemas, tables, views
 * procedures and functions (a view may call them), views (each after the views it uses);
 * triggers separately. A plan is made
 * for one of the two steps: for the objects step it also lists the triggers (to find conflicts
 * early) but reports only on the other objects; for the triggers step it has only triggers.
 * When several
 * sources have an object with the same target name, the first source's is kept (the same
 * structure is expected: shard merge) and the others are counted as skipped.
 */
final class SchemaPlan {

  /**
   * One object to create.
   *
   * @param sqlMode the session sql_mode to create it under
   * @param origin the source table a target table is made from; null for other objects
   */
  record Step(ObjectType type, TableRef target, String ddl, String sqlMode, Origin origin) {

    Step(ObjectType type, TableRef target, String ddl, String sqlMode) {
      this(type, target, ddl, sqlMode, null);
    }
  }

  /**
   * The source table a target table is made from.
   *
   * @param definition the fingerprint of its definition ({@link TableDefinitions#fingerprint})
   */
  record Origin(String source, TableRef table, String definition) {}

  private record Key(ObjectType type, TableRef target) {}

  /** Target schema name → source schema defaults (charset, collation mapped). */
  final Map<String, SourceObjects.Schema> schemas = new LinkedHashMap<>();
  final List<Step> objects = new ArrayList<>();
  final List<Step> triggers = new ArrayList<>();

  private final Set<Key> planned = new HashSet<>();
  private final ServerInfo target;
  private final CollationMapping collations;
  private final TargetObjects targetObjects;
  private final SchemaSummary.Builder summary;
  private final boolean triggerStep;

  private SchemaPlan(ServerInfo target, CollationMapping collations,
      TargetObjects targetObjects, SchemaSummary.Builder summary, boolean triggerStep) {
    this.target = target;
    this.collations = collations;
    this.targetObjects = targetObjects;
    this.summary = summary;
    this.triggerStep = triggerStep;
  }

  /**
   * The plan for {@code sources}, in the order of the task's sources.
   *
   * @param triggerStep plan the triggers step (true) or the objects step (false)
   */
  static SchemaPlan build(List<SourceObjects> sources, ServerInfo target,
      CollationMapping collations, TargetObjects targetObjects, SchemaSummary.Builder summary,
      boolean triggerStep) {
    SchemaPlan plan = new SchemaPlan(target, collations, targetObjects, summary,
        triggerStep);
    for (SourceObjects source : sources) {
      if (!triggerStep) {
        plan.addObjects(source);
      }
      plan.addTriggers(source);
    }
    return plan;
  }

  private void addObjects(SourceObjects source) {
    for (SourceObjects.Schema schema : source.schemas) {
      schemas.putIfAbsent(schema.name(), new SourceObjects.Schema(schema.name(),
          schema.charset(), collations.map(schema.collation())));
    }
    for (SourceObjects.Table table : source.tables) {
      TableDdl.Result result = TableDdl.rewrite(table.ddl(), table.mapping(), source.names,
          targetObjects::tableExists, collations, target.flavor());
      if (add(objects, new Step(ObjectType.TABLE, table.mapping().target(), result.ddl(), "",
          new Origin(source.sourceName(), table.mapping().source(),
              TableDefinitions.fingerprint(table.ddl()))))) {
        result.warnings().forEach(summary::warn);
      }
    }
    for (SourceObjects.Routine routine : source.routines) {
      add(objects, new Step(routine.type(), routine.target(),
          RoutineDdl.rewrite(routine.ddl(), routine.sqlMode(), routine.type(), routine.source(),
              routine.target(), source.names, collations),
          mode(routine.sqlMode(), routine.type(), routine.target())));
    }
    Map<TableRef, SourceObjects.View> views = new LinkedHashMap<>();
    Map<TableRef, Set<TableRef>> uses = new LinkedHashMap<>();
    for (SourceObjects.View view : source.views) {
      views.put(view.mapping().source(), view);
      Set<TableRef> used = new HashSet<>();
      ViewDdl.uses(view.ddl(), view.mapping(), source.names).stream()
          .filter(reference -> reference.relation() != null)
          .forEach(reference -> used.add(reference.relation().source()));
      uses.put(view.mapping().source(), used);
    }
    for (TableRef ref : ViewOrder.sort(uses)) {
      SourceObjects.View view = views.get(ref);
      add(objects, new Step(ObjectType.VIEW, view.mapping().target(),
          ViewDdl.rewrite(view.ddl(), view.mapping(), source.names, collations), ""));
    }
  }

  private void addTriggers(SourceObjects source) {
    for (SourceObjects.Trigger trigger : source.triggers) {
      add(triggers, new Step(ObjectType.TRIGGER, trigger.target(),
          TriggerDdl.rewrite(trigger.statement(), trigger.sqlMode(), trigger.target(),
              trigger.table(), source.names, collations),
          mode(trigger.sqlMode(), ObjectType.TRIGGER, trigger.target())));
    }
  }

  private boolean add(List<Step> steps, Step step) {
    if (!planned.add(new Key(step.type(), step.target()))) {
      if (reports(step.type())) {
        summary.skipped(step.type());
      }
      return false;
    }
    steps.add(step);
    return true;
  }

  /** Whether this plan's step reports on objects of {@code type}. */
  private boolean reports(ObjectType type) {
    return (type == ObjectType.TRIGGER) == triggerStep;
  }

  private String mode(String sqlMode, ObjectType type, TableRef object) {
    SqlModes.Result result = SqlModes.forTarget(sqlMode, target);
    if (!result.dropped().isEmpty() && reports(type)) {
      summary.warn(object + " is created without sql_mode " + String.join(",", result.dropped())
          + ", which the target does not know");
    }
    return result.mode();
  }
}
