package dev.ferry.worker.schema;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.ConflictPolicy;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.meta.CopyBoundaries;
import dev.ferry.worker.meta.LedgerTable;
import dev.ferry.worker.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates planned objects on the target, idempotently: an object recorded in the ledger for this
 * task that exists is skipped; an existing object that is not recorded is a conflict (policy
 * Fail: an error naming every such object, raised before anything is created; Ignore: kept as
 * it is); anything else is recorded, then created.
 */
final class ObjectCreator {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectCreator.class);
  private static final int LISTED_CONFLICTS = 20;
  /** Objects whose records are written in one transaction before they are created. */
  static final int BATCH = 200;
  /**
   * ER_NO_SUCH_TABLE, ER_VIEW_INVALID, ER_BAD_FIELD_ERROR, ER_SP_DOES_NOT_EXIST: a view uses
   * what is not there.
   */
  private static final Set<Integer> VIEW_USES_MISSING = Set.of(1146, 1356, 1054, 1305);
  /** ER_BINLOG_UNSAFE_ROUTINE, ER_BINLOG_CREATE_ROUTINE_NEED_SUPER. */
  private static final Set<Integer> ROUTINE_BINLOG = Set.of(1418, 1419);

  private final Connection target;
  private final SchemaLedger ledger;
  private final CopyBoundaries definitions;
  private final TargetObjects existing;
  private final ConflictPolicy policy;
  private final SchemaSummary.Builder summary;
  private final ParallelDdl parallel;
  private String sessionMode;

  /**
   * @param definitions where the definition each target table is made from is recorded, with the
   *     table's record in {@code ledger}
   * @param parallel the sessions that create tables several at once; null to create every
   *     object on {@code target}, one after another
   */
  ObjectCreator(Connection target, SchemaLedger ledger, CopyBoundaries definitions,
      TargetObjects existing, ConflictPolicy policy, SchemaSummary.Builder summary,
      ParallelDdl parallel) {
    this.parallel = parallel;
    this.target = target;
    this.ledger = ledger;
    this.definitions = definitions;
    this.existing = existing;
    this.policy = policy;
    this.summary = summary;
  }

  /**
   * Under policy Fail, throws when any of {@code steps} exists on the target without having been
   * created by this task.
   */
  void checkConflicts(List<SchemaPlan.Step> steps) throws SQLException {
    if (policy != ConflictPolicy.Fail) {
      return;
    }
    List<String> conflicts = new ArrayList<>();
    for (SchemaPlan.Step step : steps) {
      if (!ledger.isRecorded(step.type(), step.target())
          && existing.exists(step.type(), step.target())) {
        conflicts.add(describe(step));
      }
    }
    if (!conflicts.isEmpty()) {
      String listed = String.join(", ", conflicts.subList(0,
          Math.min(LISTED_CONFLICTS, conflicts.size())));
      String more = conflicts.size() > LISTED_CONFLICTS
          ? " and " + (conflicts.size() - LISTED_CONFLICTS) + " more" : "";
      throw new FerryException(FailureClass.Fatal, "the target already has " + listed + more
          + ", not created by this task; drop or rename them on the target, exclude them in"
          + " spec.objects, or set spec.schema.conflictPolicy: Ignore to keep them as they are");
    }
  }

  /** Creates the target schemas that are missing, with the source schemas' defaults. */
  void createSchemas(Map<String, SourceObjects.Schema> schemas) throws SQLException {
    try (Statement statement = target.createStatement()) {
      for (SourceObjects.Schema schema : schemas.values()) {
        statement.execute("CREATE DATABASE IF NOT EXISTS " + Sql.quote(schema.name())
            + " DEFAULT CHARACTER SET " + Sql.quote(schema.charset())
            + " COLLATE " + Sql.quote(schema.collation()));
      }
    }
  }

  /**
   * Creates {@code steps} in order, {@link #BATCH} at a time: the batch's records (the ledger's
   * and each table's definition) are written first, in one transaction, then its objects are
   * created. One commit for a batch's records, not one per object, is what lets 10,000 tables
   * go at the speed of their CREATE TABLEs; a stop between the two leaves records of objects
   * that do not exist yet, which the next run creates.
   */
  void create(List<SchemaPlan.Step> steps) throws SQLException {
    for (int from = 0; from < steps.size(); from += BATCH) {
      List<SchemaPlan.Step> batch = steps.subList(from, Math.min(steps.size(), from + BATCH));
      List<SchemaPlan.Step> missing = new ArrayList<>();
      LedgerTable.inTransaction(target, () -> {
        for (SchemaPlan.Step step : batch) {
          if (record(step)) {
            missing.add(step);
          }
        }
      });
      List<SchemaPlan.Step> tables = parallel == null ? List.of() : missing.stream()
          .filter(step -> step.type() == ObjectType.TABLE).toList();
      createTables(tables);
      for (SchemaPlan.Step step : missing) {
        if (!tables.contains(step)) {
          create(step);
        }
      }
    }
  }

  /**
   * Creates the tables of {@code steps} over the parallel sessions (the plan puts tables before
   * the objects that use them); when one fails, forgets the records of every one that failed
   * and throws for the first.
   */
  private void createTables(List<SchemaPlan.Step> steps) throws SQLException {
    if (steps.isEmpty()) {
      return;
    }
    Map<SchemaPlan.Step, SQLException> failed;
    try {
      failed = parallel.run(steps);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FerryException(FailureClass.Other, "the schema phase was stopped while it"
          + " created tables; the next run creates the ones left");
    }
    SchemaPlan.Step first = null;
    for (SchemaPlan.Step step : steps) {
      SQLException error = failed.get(step);
      if (error == null) {
        existing.created(step.type(), step.target());
        summary.created(step.type());
        continue;
      }
      forget(step);
      if (first == null) {
        first = step;
      }
    }
    if (first != null) {
      throw failure(first, failed.get(first));
    }
  }

  private void forget(SchemaPlan.Step step) throws SQLException {
    ledger.forget(step.type(), step.target());
    if (step.origin() != null) {
      definitions.forget(target, step.origin().source(), step.origin().table());
    }
  }

  /**
   * Records {@code step} as created by this task when its object does not exist; returns
   * whether it is to be created.
   */
  private boolean record(SchemaPlan.Step step) throws SQLException {
    if (existing.exists(step.type(), step.target())) {
      if (!ledger.isRecorded(step.type(), step.target())) {
        summary.warn("kept the existing " + describe(step) + " on the target"
            + " (conflictPolicy Ignore)");
      }
      summary.skipped(step.type());
      return false;
    }
    ledger.record(step.type(), step.target());
    SchemaPlan.Origin origin = step.origin();
    if (origin != null) {
      definitions.recordDefinition(target, origin.source(), origin.table(), origin.definition());
    }
    return true;
  }

  /** Creates the object of {@code step}, recorded already; forgets the records if it fails. */
  private void create(SchemaPlan.Step step) throws SQLException {
    try {
      useMode(step.sqlMode());
      try (Statement statement = target.createStatement()) {
        statement.execute(step.ddl());
      }
    } catch (SQLException e) {
      forget(step);
      if (step.type() == ObjectType.VIEW && VIEW_USES_MISSING.contains(e.getErrorCode())) {
        String warning = describe(step) + " was not created: " + e.getMessage()
            + "; include what it uses in spec.objects, or create it yourself";
        LOG.warn(warning);
        summary.warn(warning);
        return;
      }
      throw failure(step, e);
    }
    existing.created(step.type(), step.target());
    summary.created(step.type());
  }

  private void useMode(String mode) throws SQLException {
    if (!mode.equals(sessionMode)) {
      try (PreparedStatement statement = target.prepareStatement("SET SESSION sql_mode = ?")) {
        statement.setString(1, mode);
        statement.execute();
      }
      sessionMode = mode;
    }
  }

  private static FerryException failure(SchemaPlan.Step step, SQLException e) {
    if (ROUTINE_BINLOG.contains(e.getErrorCode())) {
      return new FerryException(FailureClass.Fatal, "creating " + describe(step) + " on the"
          + " target failed: " + e.getMessage() + ". The target writes a binary log: set"
          + " log_bin_trust_function_creators=ON on the target (parameter group), or set"
          + " spec.schema.routines: false and create the routines yourself", e);
    }
    return new FerryException(FailureClassifier.classify(e), "creating " + describe(step)
        + " on the target failed: " + e.getMessage(), e);
  }

  private static String describe(SchemaPlan.Step step) {
    return step.type().name().toLowerCase(Locale.ROOT) + " " + step.target();
  }
}
