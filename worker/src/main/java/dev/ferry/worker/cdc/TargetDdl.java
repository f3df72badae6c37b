package dev.ferry.worker.cdc;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.DdlOverride;
import dev.ferry.api.v1alpha1.DdlPolicy;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.cdc.apply.CopyCutoff;
import dev.ferry.worker.cdc.apply.DdlHandler;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.cdc.route.OnlineDdl;
import dev.ferry.worker.cdc.route.TableRouter;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.metrics.SourceMetrics;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.TableRef;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the table DDL of the change stream to the target, in binlog order, with the spec's
 * renames, and CREATE/DROP DATABASE of databases migrated whole ({@link DatabaseDdl}): policy
 * Apply runs it, Ignore skips it, Stop fails the task for a person to decide. Per-table
 * {@code ddl} operations choose which kinds are replicated; any other statement is logged as not
 * replayed ({@link DdlReplay#allowed}). Right after a resume, a
 * DDL may have reached the target before its checkpoint did: the errors that mean "already
 * done" are then ignored. What the full-load copy of a DDL's tables already holds (it ran
 * before their copy began: {@link CopyCutoff}) is not run again ({@link CopiedDdl}). The
 * shadow-table ALTERs that online-DDL handling holds are saved in the {@link OnlineDdlLedger}
 * whenever they change, after the DDL was handled.
 *
 * <p>A statement the target refuses stops the task (Fatal) naming the statement, its position
 * and the way past it: an entry of {@code spec.incremental.ddlOverrides} for that position
 * ({@link DdlOverrides}), which the next run follows at that statement, whatever the policy:
 * skip runs nothing, replace runs the user's statements instead.
 */
final class TargetDdl implements DdlHandler {

  private static final Logger LOG = LoggerFactory.getLogger(TargetDdl.class);

  private final Database target;
  private final TableRouter router;
  private final OnlineDdl onlineDdl;
  private final OnlineDdlLedger onlineDdlLedger;
  private final Supplier<DdlPolicy> policy;
  private final DdlOverrides overrides;
  private final BooleanSupplier replaying;
  private final boolean writeBinlog;
  private final CopyCutoff copied;
  private final TableArrivals arrivals;
  private final SourceMetrics metrics;

  /**
   * @param target a pool of its own (session settings are changed on its connection)
   * @param replaying asked once per DDL: whether it may already have run before the resume
   *     ({@link DdlReplay#mayAlreadyShow})
   * @param copied where the full-load copy of each table began
   * @param arrivals copies the tables that a rename brings into the migrated set
   * @param metrics counts every statement run on the target
   */
  TargetDdl(Database target, TableRouter router, OnlineDdl onlineDdl,
      OnlineDdlLedger onlineDdlLedger, Supplier<DdlPolicy> policy, DdlOverrides overrides,
      BooleanSupplier replaying, boolean writeBinlog, CopyCutoff copied, TableArrivals arrivals,
      SourceMetrics metrics) {
    this.target = target;
    this.router = router;
    this.onlineDdl = onlineDdl;
    this.onlineDdlLedger = onlineDdlLedger;
    this.policy = policy;
    this.overrides = overrides;
    this.replaying = replaying;
    this.writeBinlog = writeBinlog;
    this.copied = copied;
    this.arrivals = arrivals;
    this.metrics = metrics;
  }

  @Override
  public void apply(SourceTransaction transaction) throws SQLException {
    DdlChange ddl = transaction.ddl();
    boolean replay = replaying.getAsBoolean();
    Map<TableRef, List<DdlChange>> pendingBefore = onlineDdl.pendingAlters();
    List<OnlineDdl.Rewrite> rewrites = onlineDdl.onDdl(ddl);
    Optional<DdlOverride> override = overrides.at(transaction);
    if (override.isPresent()) {
      applyOverride(override.get(), transaction, replay);
    } else {
      applyRewrites(rewrites, transaction, replay);
    }
    Map<TableRef, List<DdlChange>> pendingAfter = onlineDdl.pendingAlters();
    if (!pendingAfter.equals(pendingBefore)) {
      onlineDdlLedger.save(pendingAfter);
    }
  }

  private void applyRewrites(List<OnlineDdl.Rewrite> rewrites, SourceTransaction transaction,
      boolean replay) throws SQLException {
    List<TableRef> arriving = new ArrayList<>();
    for (OnlineDdl.Rewrite rewrite : rewrites) {
      if (DatabaseDdl.concerns(rewrite.ddl())) {
        Optional<String> sql = DatabaseDdl.rewrite(rewrite.ddl(), router::mapping, LOG);
        if (sql.isPresent()) {
          run(rewrite.ddl(), sql.get(), transaction, replay);
        }
        continue;
      }
      if (!DdlReplay.allowed(rewrite.ddl(), router::mapping, LOG)) {
        continue;
      }
      List<DdlChange> parts = CopiedDdl.remaining(rewrite.ddl(), transaction.end(), copied);
      if (parts.size() != 1 || parts.get(0) != rewrite.ddl()) {
        LOG.info("DDL at {} is partly or wholly in the full-load copy of its tables; running"
            + " {} of it: {}", transaction.end(), parts.isEmpty() ? "nothing" : parts.stream()
            .map(DdlChange::sql).toList(), rewrite.ddl().sql());
      }
      for (DdlChange part : parts) {
        for (DdlChange change : MixedTableDdl.split(part, router::mapping,
            DdlOverrides.name(transaction), arriving::add, LOG)) {
          apply(change, rewrite.substitutions(), transaction, replay);
        }
      }
    }
    for (TableRef table : arriving) {
      copyIn(table, transaction);
    }
  }

  /** Runs what the user said instead of the statement that ends at this position. */
  private void applyOverride(DdlOverride override, SourceTransaction transaction, boolean replay)
      throws SQLException {
    String at = DdlOverrides.name(transaction);
    if (override.skips()) {
      LOG.warn("skipped the DDL at {} as spec.incremental.ddlOverrides says: {}", at,
          transaction.ddl().sql());
      return;
    }
    LOG.warn("replacing the DDL at {} as spec.incremental.ddlOverrides says: {}", at,
        transaction.ddl().sql());
    for (String statement : override.getReplace()) {
      try {
        DdlReplay.execute(target, statement, writeBinlog, replay, LOG);
      } catch (SQLException e) {
        if (connectionFailure(e)) {
          throw e;
        }
        throw refusedReplacement(e, statement, at);
      }
      metrics.ddlApplied();
    }
  }

  /** A table the statement brought into the migrated set, under the DDL policy. */
  private void copyIn(TableRef table, SourceTransaction transaction) throws SQLException {
    switch (policy.get()) {
      case Ignore -> LOG.info("not copying {}, which entered the migrated set at {} (ddlPolicy"
          + " Ignore): copy it to the target yourself", table, transaction.end());
      case Stop -> throw new FerryException(FailureClass.Fatal, "the source ran DDL '"
          + transaction.ddl().sql() + "' at " + transaction.end() + ", which brings a table"
          + " into the migrated set as " + table + ", and spec.incremental.ddlPolicy is Stop:"
          + " set it to Apply and Ferry copies the table, or copy the table to the target"
          + " yourself and name the statement in spec.incremental.ddlOverrides: "
          + DdlOverrides.entry(transaction, "skip: true"));
      default -> arrivals.copyIn(router.mapping(table).orElseThrow());
    }
  }

  private void apply(DdlChange change, Map<TableRef, TableRef> substitutions,
      SourceTransaction transaction, boolean replay) throws SQLException {
    Optional<String> sql;
    try {
      sql = BinlogDdl.rewrite(change, router::mapping, substitutions);
    } catch (FerryException cannot) {
      throw new FerryException(cannot.failureClass(), cannot.getMessage() + ": "
          + DdlOverrides.entry(transaction, "skip: true"), cannot);
    }
    if (sql.isPresent()) {
      run(change, sql.get(), transaction, replay);
    }
  }

  /** Runs {@code sql}, the target's form of {@code change}, as the policy says. */
  private void run(DdlChange change, String sql, SourceTransaction transaction, boolean replay)
      throws SQLException {
    switch (policy.get()) {
      case Ignore -> LOG.info("ignored DDL (ddlPolicy Ignore): {}", change.sql());
      case Stop -> throw new FerryException(FailureClass.Fatal, "the source ran DDL '"
          + change.sql() + "' at " + transaction.end() + " and"
          + " spec.incremental.ddlPolicy is Stop: apply the change to the target yourself"
          + " and name it in spec.incremental.ddlOverrides: "
          + DdlOverrides.entry(transaction, "skip: true") + " (or replace: [statements]) to go"
          + " on");
      // a table the target lacks is as dropped as it gets: the copy of a table swapped in
      // (gh-ost, pt-osc) holds the rename that would have made the one dropped here
      default -> {
        try {
          DdlReplay.execute(target, sql, writeBinlog,
              replay || change.kind() == DdlChange.Kind.DROP_TABLE, LOG);
        } catch (SQLException e) {
          if (connectionFailure(e)) {
            throw e;
          }
          throw refused(e, sql, transaction);
        }
        metrics.ddlApplied();
      }
    }
  }

  /** A connection failure is no refusal: it keeps its class, and the statement runs again. */
  private static boolean connectionFailure(SQLException e) {
    return FailureClassifier.classify(e) == FailureClass.Connection;
  }

  /** A statement the target refused, as a Fatal stop that names it and the way past it. */
  private static FerryException refused(SQLException e, String sql,
      SourceTransaction transaction) {
    return new FerryException(FailureClass.Fatal, "the target refused the DDL at binlog position"
        + " " + DdlOverrides.name(transaction) + " of source '" + transaction.source() + "' ("
        + e.getMessage() + "): " + sql + " (the source ran: " + transaction.ddl().sql() + ")."
        + " Make the target accept it and restart, or name it in"
        + " spec.incremental.ddlOverrides: " + DdlOverrides.entry(transaction, "skip: true")
        + " to go on without it, or with replace: [statements to run instead]", e);
  }

  private static FerryException refusedReplacement(SQLException e, String statement,
      String at) {
    return new FerryException(FailureClass.Fatal, "the target refused the statement '" + statement
        + "' that spec.incremental.ddlOverrides replaces the DDL at binlog position " + at
        + " with (" + e.getMessage() + "): correct that entry's replace list", e);
  }
}
