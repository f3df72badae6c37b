package dev.ferry.worker.cdc.reverse;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.DdlPolicy;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.cdc.BinlogDdl;
import dev.ferry.worker.cdc.DdlReplay;
import dev.ferry.worker.cdc.apply.DdlHandler;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.DdlChange;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
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

  private final Database oldSource;
  private final ReverseMapping mapping;
  private final Supplier<DdlPolicy> policy;
  private final BooleanSupplier replaying;

  /**
   * @param oldSource a pool of its own (session settings are changed on its connection)
   * @param replaying asked once per DDL: whether it may already have run before the resume
   *     ({@link DdlReplay#mayAlreadyShow})
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
    boolean replay = replaying.getAsBoolean();
    if (!DdlReplay.allowed(ddl, mapping::mapping, LOG)) {
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
      default -> DdlReplay.execute(oldSource, sql.get(), true, replay, LOG);
    }
  }
}
