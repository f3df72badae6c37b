package dev.ferry.worker.cdc;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.DdlOperation;
import dev.ferry.api.v1alpha1.DdlPolicy;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.catalog.TableRef;
import dev.ferry.worker.cdc.apply.DdlHandler;
import dev.ferry.worker.cdc.route.OnlineDdl;
import dev.ferry.worker.cdc.route.TableRouter;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.schema.BinlogDdl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  /** Table exists, duplicate column, duplicate key, can't drop (missing), unknown table. */
  private static final Set<Integer> ALREADY_DONE = Set.of(1050, 1060, 1061, 1091, 1051, 1146);

  private final Database target;
  private final TableRouter router;
  private final OnlineDdl onlineDdl;
  private final OnlineDdlLedger onlineDdlLedger;
  private final Supplier<DdlPolicy> policy;
  private final BooleanSupplier replaying;
  private final boolean writeBinlog;

  /**
   * @param target a pool of its own (session settings are changed on its connection)
   * @param replaying whether the stream is still inside the safe-mode window of a resume
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
    Map<TableRef, List<DdlChange>> pendingBefore = onlineDdl.pendingAlters();
    for (OnlineDdl.Rewrite rewrite : onlineDdl.onDdl(ddl)) {
      if (!replicated(rewrite.ddl())) {
        continue;
      }
      Optional<String> sql = BinlogDdl.rewrite(rewrite.ddl(), router::mapping,
          rewrite.substitutions());
      if (sql.isEmpty()) {
        continue;
      }
      switch (policy.get()) {
        case Ignore -> LOG.info("ignored DDL (ddlPolicy Ignore): {}", rewrite.ddl().sql());
        case Stop -> throw new FerryException(FailureClass.Fatal, "the source ran DDL '"
            + rewrite.ddl().sql() + "' at " + transaction.end() + " and"
            + " spec.incremental.ddlPolicy is Stop: apply the change to the target yourself"
            + " and set ddlPolicy to Ignore (or Apply) to go on");
        default -> execute(sql.get());
      }
    }
    Map<TableRef, List<DdlChange>> pendingAfter = onlineDdl.pendingAlters();
    if (!pendingAfter.equals(pendingBefore)) {
      onlineDdlLedger.save(pendingAfter);
    }
  }

  private boolean replicated(DdlChange ddl) {
    DdlOperation operation = operationOf(ddl.kind());
    if (operation == null) {
      return false;
    }
    for (TableRef table : ddl.tables()) {
      Optional<TableMapping> mapping = router.mapping(table);
      if (mapping.isPresent() && !mapping.get().ddl().contains(operation)) {
        LOG.info("not replicated ({} is not in the rule's ddl list): {}", operation, ddl.sql());
        return false;
      }
    }
    return true;
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = target.connection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION foreign_key_checks = 0");
      if (!writeBinlog) {
        statement.execute("SET SESSION sql_log_bin = 0");
      }
      statement.execute(sql);
      LOG.info("applied DDL: {}", sql);
    } catch (SQLException e) {
      if (replaying.getAsBoolean() && ALREADY_DONE.contains(e.getErrorCode())) {
        LOG.info("DDL already applied before the resume ({}): {}", e.getMessage(), sql);
        return;
      }
      throw e;
    }
  }

  private static DdlOperation operationOf(DdlChange.Kind kind) {
    return switch (kind) {
      case CREATE_TABLE -> DdlOperation.Create;
      case ALTER_TABLE -> DdlOperation.Alter;
      case DROP_TABLE -> DdlOperation.Drop;
      case RENAME_TABLE -> DdlOperation.Rename;
      case TRUNCATE_TABLE -> DdlOperation.Truncate;
      default -> null;
    };
  }
}
