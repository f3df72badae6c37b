package dev.ferry.worker.cdc;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.DdlPolicy;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.cdc.apply.DdlHandler;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.cdc.route.OnlineDdl;
import dev.ferry.worker.cdc.route.TableRouter;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.TableRef;
import java.sql.SQLException;
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
 * done" are then ignored. The shadow-table ALTERs that online-DDL handling holds are saved in
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

  /**
   * @param target a pool of its own (session settings are changed on its connection)
   * @param replaying asked once per DDL: whether it may already have run before the resume
   *     ({@link DdlReplay#mayAlreadyShow})
   */
  TargetDdl(Database target, TableRouter router, OnlineDdl onlineDdl,
      OnlineDdlLedger onlineDdlLedger, Supplier<DdlPolicy> policy, BooleanSupplier replaying,
      boolean writeBinlog) {
    this.target = target;
    this.router = router;
    this.onlineDdl = onlineDdl;
    this.onlineDdlLedger = onlineDdlLedger;
    this.policy = policy;
    this.replaying = replaying;
    this.writeBinlog = writeBinlog;
  }

  @Override
  public void apply(SourceTransaction transaction) throws SQLException {
    DdlChange ddl = transaction.ddl();
    boolean replay = replaying.getAsBoolean();
    Map<TableRef, List<DdlChange>> pendingBefore = onlineDdl.pendingAlters();
    for (OnlineDdl.Rewrite rewrite : onlineDdl.onDdl(ddl)) {
      if (!DdlReplay.allowed(rewrite.ddl(), router::mapping, LOG)) {
        continue;
      }
      for (DdlChange change : MixedTableDdl.split(rewrite.ddl(), router::mapping,
          transaction.end(), LOG)) {
        apply(change, rewrite.substitutions(), transaction, replay);
      }
    }
    Map<TableRef, List<DdlChange>> pendingAfter = onlineDdl.pendingAlters();
    if (!pendingAfter.equals(pendingBefore)) {
      onlineDdlLedger.save(pendingAfter);
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
      default -> DdlReplay.execute(target, sql.get(), writeBinlog, replay, LOG);
    }
  }
}
