package dev.ferry.worker.precheck;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.PrecheckItem;
import dev.ferry.api.v1alpha1.PrecheckItemName;
import dev.ferry.api.v1alpha1.PrecheckStatus;
import dev.ferry.worker.catalog.CollationMapping;
import dev.ferry.worker.catalog.SourceCatalog;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.task.StateKey;
import dev.ferry.worker.task.TaskContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The precheck phase: connects to every source and the target, checks that the task can run
 * (binlog settings, privileges, keys, conflicting tables, stale state of other runs, charsets,
 * versions, size), writes every item with its result and remedy to {@code status.precheck},
 * and fails when any item failed.
 *
 * <p>Failed items end the phase with a {@link PrecheckFailedException}: the fixes (a grant, a
 * server setting, a dropped table) happen outside the task, which runs the precheck again when it
 * is retried. A server that cannot be reached fails with the class of its connection error, so
 * it is retried within that class's window.
 */
public final class PrecheckPhase {

  private final TaskContext context;
  private final Clock clock;

  public PrecheckPhase(TaskContext context, Clock clock) {
    this.context = context;
    this.clock = clock;
  }

  /**
   * Runs the precheck and reports it.
   *
   * @return the reported results, when no item failed
   * @throws PrecheckFailedException when an item failed
   * @throws FerryException when a server could not be reached or stopped answering
   */
  public PrecheckStatus run() {
    MigrationTaskSpec spec = context.spec();
    PrecheckItems items = new PrecheckItems(new HashSet<>(spec.getPrecheck().getIgnore()));
    try (Connections connections = Connections.open(context, items)) {
      if (connections.failure() == null) {
        check(spec, connections, items);
      }
      PrecheckStatus status = report(items);
      if (connections.failure() != null) {
        throw connections.failure();
      }
      List<PrecheckItem> failures = items.failures();
      if (!failures.isEmpty()) {
        throw new PrecheckFailedException("precheck failed: " + failures.stream()
            .map(item -> item.getName() + " (" + item.getMessage() + ")")
            .collect(Collectors.joining("; ")) + ". See status.precheck for how to fix each.");
      }
      return status;
    } catch (SQLException e) {
      report(items);
      throw new FerryException(FailureClassifier.classify(e),
          "precheck interrupted: " + e.getMessage(), e);
    }
  }

  private void check(MigrationTaskSpec spec, Connections connections, PrecheckItems items)
      throws SQLException {
    boolean readsBinlog = spec.getMode() != Mode.Full;
    boolean createsSchema = spec.getSchema().isEnabled() && spec.getMode() != Mode.Incremental;
    List<SourceServer> sources = new ArrayList<>();
    for (int i = 0; i < spec.getSources().size(); i++) {
      Connection connection = connections.sources().get(i).connection();
      sources.add(new SourceServer(spec.getSources().get(i), connection,
          connections.sources().get(i).info(), ServerVariables.read(connection),
          SourceCatalog.tables(connection, spec)));
    }
    for (SourceServer source : sources) {
      SourceChecks.run(source, spec, readsBinlog, createsSchema,
          connections.target().info().flavor(), items);
    }
    Connection target = connections.target().connection();
    String subject = "target";
    items.check(PrecheckItemName.TargetVersion, subject, () -> VersionCheck.target(
        connections.target().info(), sources.stream().map(SourceServer::info).toList()));
    Set<TableRef> targetTables = new LinkedHashSet<>();
    sources.forEach(source -> source.tables().stream().map(TableMapping::target)
        .forEach(targetTables::add));
    Set<String> targetSchemas = new TreeSet<>(targetTables.stream().map(TableRef::schema).toList());
    items.check(PrecheckItemName.TargetPrivileges, subject,
        () -> TargetPrivilegeCheck.check(target, spec, targetSchemas));
    items.check(PrecheckItemName.ConflictingTables, subject, () -> ConflictingTablesCheck.check(
        target, targetTables, createsSchema, spec.getSchema().getConflictPolicy()));
    items.check(PrecheckItemName.StaleState, subject, () -> StaleStateCheck.check(target,
        new StateKey(context.taskId(), context.runId()), spec.getOnStaleState()));
    CollationMapping collations =
        CollationMapping.forTarget(target, connections.target().info());
    for (SourceServer source : sources) {
      items.check(PrecheckItemName.Charsets, source.subject(),
          () -> CharsetCheck.check(source, target, collations));
    }
  }

  private PrecheckStatus report(PrecheckItems items) {
    PrecheckStatus precheck = new PrecheckStatus();
    precheck.setCheckedAt(clock.instant().toString());
    precheck.setItems(items.items());
    context.sink().update(status -> status.setPrecheck(precheck));
    return precheck;
  }
}
