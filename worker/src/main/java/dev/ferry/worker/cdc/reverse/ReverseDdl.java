package dev.ferry.worker.cdc.reverse;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.DdlOperation;
import dev.ferry.api.v1alpha1.DdlPolicy;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.catalog.TableRef;
import dev.ferry.worker.cdc.DdlChange;
import dev.ferry.worker.cdc.SourceTransaction;
import dev.ferry.worker.cdc.apply.DdlHandler;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.schema.BinlogDdl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DDL run on the new target during the reverse stream, replayed on the old source under the
 * source names with {@code spec.incremental.ddlPolicy}: Apply runs it, Ignore skips it, Stop fails
 * the phase for a person to decide. DDL on tables that no migrated table lands on (new tables,
 * Ferry's meta schema, triggers) is not replayed; the forward rule's {@code ddl} kinds choose
 * which kinds are. The reverse mapping is read when the stream starts, so a table created or
 * renamed on the target afterwards is not carried back. Right after a resume a DDL may have
 * reached the old source before its checkpoint did: the errors that mean "already done" are then
 * ignored.
 */
final class ReverseDdl implements DdlHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ReverseDdl.class);
  /** Table exists, duplicate column, duplicate key, can't drop (missing), unknown table. */
  private static final Set<Integer> ALREADY_DONE = Set.of(1050, 1060, 1061, 1091, 1051, 1146);

  private final Database oldSource;
  private final ReverseMapping mapping;
  private final Supplier<DdlPolicy> policy;
  private final BooleanSupplier replaying;

  /**
   * @param oldSource a pool of its own (session settings are changed on its connection)
   * @param replaying whether the stream is still inside the safe-mode window of a resume
   */
  ReverseDdl(Database oldSource, ReverseMapping mapping, Supplier<DdlPolicy> policy,
      BooleanSupplier replaying) {
    this.oldSource = oldSource;
    this.mapping = mapping;
    this.policy = policy;
    this.replaying = replaying;
  }

  @Override
  public void apply(SourceTransaction transaction) throws SQLException {
    DdlChange ddl = transaction.ddl();
    if (!replicated(ddl)) {
      return;
    }
    Optional<String> sql = BinlogDdl.rewrite(ddl, mapping::mapping, Map.of());
    if (sql.isEmpty()) {
      return;
    }
    switch (policy.get()) {
      case Ignore -> LOG.info("reverse: ignored DDL of the new target (ddlPolicy Ignore): {}",
          ddl.sql());
      case Stop -> throw new FerryException(FailureClass.Fatal, "the new target ran DDL '"
          + ddl.sql() + "' at " + transaction.end() + " during the reverse stream and"
          + " spec.incremental.ddlPolicy is Stop: apply the matching change to the old source"
          + " yourself (" + sql.get() + ") and set ddlPolicy to Ignore (or Apply) to go on");
      default -> execute(sql.get());
    }
  }

  private boolean replicated(DdlChange ddl) {
    DdlOperation operation = switch (ddl.kind()) {
      case CREATE_TABLE -> DdlOperation.Create;
      case ALTER_TABLE -> DdlOperation.Alter;
      case DROP_TABLE -> DdlOperation.Drop;
      case RENAME_TABLE -> DdlOperation.Rename;
      case TRUNCATE_TABLE -> DdlOperation.Truncate;
      default -> null;
    };
    if (operation == null) {
      return false;
    }
    for (TableRef table : ddl.tables()) {
      Optional<TableMapping> back = mapping.mapping(table);
      if (back.isPresent() && !back.get().ddl().contains(operation)) {
        LOG.info("reverse: not replayed ({} is not in the rule's ddl list): {}", operation,
            ddl.sql());
        return false;
      }
    }
    return true;
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = oldSource.connection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION foreign_key_checks = 0");
      statement.execute(sql);
      LOG.info("reverse: applied DDL to the old source: {}", sql);
    } catch (SQLException e) {
      if (replaying.getAsBoolean() && ALREADY_DONE.contains(e.getErrorCode())) {
        LOG.info("reverse: DDL already applied before the resume ({}): {}", e.getMessage(), sql);
        return;
      }
      throw e;
    }
  }
}
