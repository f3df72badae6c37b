package dev.ferry.worker.cdc;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.FenceMethod;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fences a source for cutover ({@code spec.cutover.fence: ReadOnly}): {@code SET GLOBAL
 * read_only = ON}, or, when the account lacks the privilege for that (Aurora and RDS give no
 * SUPER), write-blocking triggers on the migrated tables ({@link FenceTriggers}).
 */
final class SourceFence {

  private static final Logger LOG = LoggerFactory.getLogger(SourceFence.class);
  /** Access denied; you need (at least one of) the SUPER… privilege(s). */
  private static final Set<Integer> NOT_PERMITTED = Set.of(1227, 1044, 1142);

  private SourceFence() {}

  /** Fences {@code source}, whose migrated tables are {@code tables}; returns how. */
  static FenceMethod fence(String source, Connection connection, List<TableRef> tables)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET GLOBAL read_only = ON");
      LOG.info("source {}: fenced with read_only = ON", source);
      return FenceMethod.ReadOnly;
    } catch (SQLException readOnly) {
      if (!NOT_PERMITTED.contains(readOnly.getErrorCode())) {
        throw failure(source, readOnly, null);
      }
      try {
        int created = FenceTriggers.create(connection, tables);
        LOG.info("source {}: may not set read_only ({}); fenced {} tables with write-blocking"
            + " triggers ({} created)", source, readOnly.getMessage(), tables.size(), created);
        return FenceMethod.WriteBlockingTriggers;
      } catch (SQLException triggers) {
        throw failure(source, readOnly, triggers);
      }
    }
  }

  private static FerryException failure(String source, SQLException readOnly,
      SQLException triggers) {
    String reason = "SET GLOBAL read_only = ON failed: " + readOnly.getMessage()
        + (triggers == null ? "" : "; write-blocking triggers failed too: "
        + triggers.getMessage());
    return new FerryException(FailureClass.Other, "cannot fence source "
        + source + " for the cutover (" + reason + "); grant the source user SUPER or"
        + " SYSTEM_VARIABLES_ADMIN (MySQL) / READ_ONLY ADMIN (MariaDB), or TRIGGER on the"
        + " migrated schemas (with log_bin_trust_function_creators = 1 when the binlog is on"
        + " and the user has no SUPER), or set spec.cutover.fence: None and stop the"
        + " application's writes yourself", triggers == null ? readOnly : triggers);
  }
}
