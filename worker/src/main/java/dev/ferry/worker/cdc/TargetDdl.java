package dev.ferry.worker.cdc;

import dev.ferry.api.retry.FerryException;
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
 * renames: policy Apply runs it, Ignore skips it, Stop fails the task for a person to decide.
 * Per-table {@code ddl} operations choose which kinds are replicated. Right after a resume, a
 * DDL may have reached the target before its checkpoint did: the errors that mean "already
 * done" are then ignored. What the full-load copy of a DDL's tables already holds (it ran
 * before their copy began: {@link CopyCutoff}) is not run again ({@link CopiedDdl}). The shadow-table ALTERs that online-DDL handling holds are saved in
 * the {@link OnlineDdlLedger} whenever they change, after the DDL was handled.
 */
final class TargetDdl implements DdlHandler {

  private static final Logger LOG = LoggerFactory.getLogger(TargetDdl.class);

  private final Database target;
  private final TableRouter router;
  private final OnlineDdl onlineDdl;
  private final OnlineDdlLedger onlineDdlLedger;
  private final Supplier<DdlPolicy> policy;
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
      OnlineDdlLedger onlineDdlLedger, Supplier<DdlPolicy> policy, BooleanSupplier replaying,
      boolean writeBinlog, CopyCutoff copied, TableArrivals arrivals, SourceMetrics metrics) {
    this.target = target;
    this.router = router;
    this.onlineDdl = onlineDdl;
    this.onlineDdlLedger = onlineDdlLedger;
    this.policy = policy;
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
    List<TableRef> arriving = new ArrayList<>();
    for (OnlineDdl.Rewrite rewrite : onlineDdl.onDdl(ddl)) {
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
        for (DdlChange change : MixedTableDdl.split(part, router::mapping, transaction.end(),
            arriving::add, LOG)) {
          apply(change, rewrite.substitutions(), transaction, replay);
        }
      }
    }
    for (TableRef table : arriving) {
      copyIn(table, transaction);
    }
    Map<TableRef, List<DdlChange>> pendingAfter = onlineDdl.pendingAlters();
    if (!pendingAfter.equals(pendingBefore)) {
      onlineDdlLedger.save(pendingAfter);
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
          + " copy the table to the target yourself and set ddlPolicy to Ignore, or set it to"
          + " Apply and Ferry copies it");
      default -> arrivals.copyIn(router.mapping(table).orElseThrow());
    }
  }

  private void apply(DdlChange change, Map<TableRef, TableRef> substitutions,
      SourceTransaction transaction, boolean replay) throws SQLException {
    Optional<String> sql = BinlogDdl.rewrite(change, router::mapping, substitutions);
    if (sql.isEmpty()) {
      return;
    }
    switch (policy.get()) {
      case Ignore -> LOG.info("ignored DDL (ddlPolicy Ignore): {}", change.sql());
      case Stop -> throw new FerryException(FailureClass.Fatal, "the source ran DDL '"
          + change.sql() + "' at " + transaction.end() + " and"
          + " spec.incremental.ddlPolicy is Stop: apply the change to the target yourself"
          + " and set ddlPolicy to Ignore (or Apply) to go on");
      // a table the target lacks is as dropped as it gets: the copy of a table swapped in
      // (gh-ost, pt-osc) holds the rename that would have made the one dropped here
      default -> {
        DdlReplay.execute(target, sql.get(), writeBinlog,
            replay || change.kind() == DdlChange.Kind.DROP_TABLE, LOG);
        metrics.ddlApplied();
      }
    }
  }
}
