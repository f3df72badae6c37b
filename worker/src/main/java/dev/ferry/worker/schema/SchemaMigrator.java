package dev.ferry.worker.schema;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.worker.catalog.CollationMapping;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.meta.CopyBoundaries;
import dev.ferry.worker.task.TaskContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema migration phase: creates on the target, from the sources' definitions, the
 * migrated schemas, tables (columns, types, defaults, generated columns, indexes, foreign keys,
 * charsets, collations, AUTO_INCREMENT, partitioning), views, procedures and functions, and —
 * in a separate step — triggers. Renames, filters and name case come from {@code spec.objects}
 * and {@code spec.schema}; DEFINER clauses are dropped and SQL SECURITY becomes INVOKER. Events
 * and users are not migrated.
 *
 * <p><b>Triggers come last.</b> {@link #migrate} never creates triggers: with a ROW binlog the
 * effects of the source's triggers arrive as row events, and a trigger on the target would apply
 * them a second time. The caller runs {@link #createTriggers} after the full load in mode Full,
 * and at cutover (after replication has drained) in modes Incremental and All.
 *
 * <p><b>Idempotent.</b> Every object created is recorded in {@code ferry_meta.schema_objects}
 * (task id, type, schema, name) before it is created; a re-run skips recorded objects that exist
 * and creates recorded ones that are missing. Objects that exist without a record are conflicts:
 * with {@code conflictPolicy: Fail} the step fails before creating anything, naming them all;
 * with {@code Ignore} they are kept as they are.
 *
 * <p><b>Order.</b> Tables are created with FOREIGN_KEY_CHECKS=0, so a foreign key may reference a
 * table created later; a foreign key to a table outside the migrated set is kept when that table
 * exists on the target and dropped with a warning otherwise. Procedures and functions come next
 * (a view may call a function), then views, each after the views it uses. A view that uses
 * something missing on the target is left out with a warning.
 *
 * <p><b>Several sources</b> (shard merge): an object whose target name another source already
 * provides is created once, from the first source in {@code spec.sources}; the same structure
 * is expected.
 *
 * <p><b>Limits.</b> References in view, trigger and routine bodies follow table, view, schema and
 * column renames only where {@link References} recognises them (qualified names, unqualified
 * tables after FROM/JOIN/INTO/UPDATE/TABLE, NEW/OLD columns); column renames in CREATE TABLE
 * apply to quoted column names, as SHOW CREATE TABLE prints them. Flavour-specific column types
 * (MariaDB's UUID or INET6 on MySQL, for example) and engines are passed through and fail on a
 * target that lacks them, with the server's message.
 */
public final class SchemaMigrator {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
  /** Target sessions that create tables at once, besides the phase's own. */
  private static final int DDL_SESSIONS = 4;

  private SchemaMigrator() {}

  /**
   * Creates the schemas, tables, views and routines (not triggers) that the task migrates.
   * Does nothing when {@code spec.schema.enabled} is false.
   */
  public static SchemaSummary migrate(TaskContext context) throws SQLException {
    MigrationTaskSpec spec = context.spec();
    if (!spec.getSchema().isEnabled()) {
      return new SchemaSummary.Builder().build();
    }
    return run(context, false);
  }

  /**
   * Creates the triggers of the migrated tables (see the class comment for when to call it).
   * Does nothing when {@code spec.schema.enabled} or {@code spec.schema.triggers} is false.
   */
  public static SchemaSummary createTriggers(TaskContext context) throws SQLException {
    MigrationTaskSpec spec = context.spec();
    if (!spec.getSchema().isEnabled() || !spec.getSchema().isTriggers()) {
      return new SchemaSummary.Builder().build();
    }
    return run(context, true);
  }

  private static SchemaSummary run(TaskContext context, boolean triggers) throws SQLException {
    MigrationTaskSpec spec = context.spec();
    SchemaSummary.Builder summary = new SchemaSummary.Builder();
    int sessions = triggers ? 0 : DDL_SESSIONS;
    List<Connection> ddlSessions = new ArrayList<>();
    try (Database database = Database.open(context.target(), 1 + sessions);
        Connection target = database.connection();
        ParallelDdl parallel = sessions == 0 ? null
            : new ParallelDdl(openSessions(database, sessions, spec, ddlSessions))) {
      prepareSession(target, spec);
      ServerInfo info = ServerInfo.detect(target);
      TargetObjects existing = new TargetObjects(target);
      SchemaPlan plan = SchemaPlan.build(readSources(context, spec, !triggers), info,
          CollationMapping.forTarget(target, info), existing, summary, triggers);
      SchemaLedger ledger = SchemaLedger.open(target, context.stateKey());
      CopyBoundaries.ensure(target);
      ObjectCreator creator = new ObjectCreator(target, ledger,
          new CopyBoundaries(context.stateKey()), existing,
          spec.getSchema().getConflictPolicy(), summary, parallel);
      List<SchemaPlan.Step> checked = new ArrayList<>(plan.triggers);
      if (triggers) {
        creator.checkConflicts(checked);
        creator.create(plan.triggers);
      } else {
        checked.addAll(0, plan.objects);
        creator.checkConflicts(checked);
        creator.createSchemas(plan.schemas);
        creator.create(plan.objects);
      }
    } finally {
      for (Connection session : ddlSessions) {
        session.close();
      }
    }
    SchemaSummary result = summary.build();
    result.warnings().forEach(LOG::warn);
    String line = "schema" + (triggers ? " triggers: " : ": ") + result.describe();
    LOG.info(line);
    context.sink().update(status -> status.setProgress(line));
    return result;
  }

  /**
   * Makes the target table of {@code table} again from the source definition {@code
   * showCreate}, or only drops it when {@code showCreate} is null: the full load calls it for a
   * table whose definition changed after this phase created it (or that the source dropped or
   * renamed), with the definition it read together with the table's copy boundary. The table
   * is recorded as created by the task, like every table this phase creates.
   *
   * @param sourceTables every migrated table of the table's source (foreign keys are pointed at
   *     their target names)
   */
  public static void rebuildTable(TaskContext context, List<TableMapping> sourceTables,
      TableMapping table, String showCreate) throws SQLException {
    MigrationTaskSpec spec = context.spec();
    try (Database database = Database.open(context.target(), 1);
        Connection target = database.connection()) {
      prepareSession(target, spec);
      SchemaLedger ledger = SchemaLedger.open(target, context.stateKey());
      if (new TargetObjects(target).tableExists(table.target())
          && !ledger.isRecorded(ObjectType.TABLE, table.target())) {
        throw new FerryException(FailureClass.Fatal, "source table " + table.source()
            + " changed during the full load, and its target table " + table.target()
            + " was not created by this task (it existed before; conflictPolicy Ignore kept"
            + " it), so Ferry does not drop it: make the same change on the target table,"
            + " empty it, and restart the task from the full load");
      }
      try (Statement statement = target.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS " + table.target().sql());
      }
      if (showCreate == null) {
        LOG.info("dropped {}: its source table {} no longer exists", table.target(),
            table.source());
        return;
      }
      ServerInfo info = ServerInfo.detect(target);
      NameMap names = new NameMap();
      sourceTables.forEach(names::addTable);
      TableDdl.Result result = TableDdl.rewrite(showCreate, table, names,
          new TargetObjects(target)::tableExists, CollationMapping.forTarget(target, info),
          info.flavor());
      result.warnings().forEach(LOG::warn);
      ledger.record(ObjectType.TABLE, table.target());
      try (Statement statement = target.createStatement()) {
        statement.execute(result.ddl());
      }
      LOG.info("made {} again from the current definition of {}", table.target(),
          table.source());
    }
  }

  private static List<SourceObjects> readSources(TaskContext context, MigrationTaskSpec spec,
      boolean definitions) throws SQLException {
    List<SourceObjects> sources = new ArrayList<>();
    for (SourceSpec source : spec.getSources()) {
      try (Database database = Database.open(context.source(source), 1);
          Connection connection = database.connection()) {
        sources.add(SourceObjects.read(connection, source.getName(), spec,
            definitions));
      }
    }
    return sources;
  }

  /**
   * Foreign key checks off (keys may reference tables created later) and, when the task says
   * so, no binary logging of Ferry's DDL on the target.
   */
  /** {@code count} more target sessions, prepared like the phase's own; added to {@code into}. */
  private static List<Connection> openSessions(Database database, int count,
      MigrationTaskSpec spec, List<Connection> into) throws SQLException {
    for (int i = 0; i < count; i++) {
      Connection session = database.connection();
      into.add(session);
      prepareSession(session, spec);
    }
    return into;
  }

  private static void prepareSession(Connection target, MigrationTaskSpec spec)
      throws SQLException {
    try (Statement statement = target.createStatement()) {
      statement.execute("SET SESSION FOREIGN_KEY_CHECKS = 0");
      if (!spec.getTarget().isWriteBinlog()) {
        statement.execute("SET SESSION sql_log_bin = 0");
      }
    }
  }
}
