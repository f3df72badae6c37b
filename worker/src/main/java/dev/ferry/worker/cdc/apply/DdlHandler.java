package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.cdc.change.SourceTransaction;
import java.sql.SQLException;

/**
 * Applies (or deliberately ignores) one DDL unit of the change stream. The applier calls it with
 * every lane drained, so all rows before the DDL are committed on the target and none after it
 * are; once it returns, the applier records the DDL's end position as every lane's checkpoint.
 */
@FunctionalInterface
public interface DdlHandler {

  /** Handles {@code ddl} ({@link SourceTransaction#isDdl()} is true). */
  void apply(SourceTransaction ddl) throws SQLException;
}
