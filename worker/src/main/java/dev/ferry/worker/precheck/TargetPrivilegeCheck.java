package dev.ferry.worker.precheck;

import dev.ferry.api.v1alpha1.DdlPolicy;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SchemaSpec;
import dev.ferry.worker.meta.MetaSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether the target user may do what the task will do: write rows into the target schemas,
 * create the schema objects when the schema phase runs, apply replicated DDL, keep Ferry's
 * ledgers in {@value MetaSchema#NAME} (and, when it replicates, keep the schema history's
 * scratch databases {@value MetaSchema#SCRATCH_PREFIX}*), and turn off its session binlog when
 * {@code spec.target.writeBinlog} is false (tried, then turned back on).
 */
final class TargetPrivilegeCheck {

  private static final int SPECIFIC_ACCESS_DENIED = 1227;
  private static final List<String> ROWS = List.of("SELECT", "INSERT", "UPDATE", "DELETE");
  private static final List<String> LEDGERS =
      List.of("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE");
  /** On the schema history's scratch databases: created, altered by each DDL, dropped. */
  private static final List<String> SCRATCH =
      List.of("SELECT", "CREATE", "DROP", "ALTER", "INDEX", "REFERENCES");
  /** A scratch database's name as grants must match it ({@code ferry_h_<hash>}). */
  private static final String SCRATCH_EXAMPLE = MetaSchema.SCRATCH_PREFIX + "0123456789abcdef";
  private static final String SCRATCH_GRANT = "`" + MetaSchema.SCRATCH_PREFIX.replace("_", "\\_")
      + "%`.*";

  private TargetPrivilegeCheck() {}

  /** {@code targetSchemas}: the schemas the migrated tables land in. */
  static Finding check(Connection target, MigrationTaskSpec spec,
      Collection<String> targetSchemas) throws SQLException {
    Grants grants = Grants.read(target);
    Set<String> needed = needed(spec);
    List<String> missing = new ArrayList<>();
    for (String schema : targetSchemas) {
      Set<String> lacking = grants.missingOnSchema(schema, needed);
      if (!lacking.isEmpty()) {
        missing.add(String.join(", ", lacking) + " on " + schema);
      }
    }
    Set<String> ledgers = grants.missingOnSchema(MetaSchema.NAME, LEDGERS);
    if (!ledgers.isEmpty()) {
      missing.add(String.join(", ", ledgers) + " on " + MetaSchema.NAME);
    }
    boolean replicates = spec.getMode() != Mode.Full;
    Set<String> scratch = replicates ? grants.missingOnSchema(SCRATCH_EXAMPLE, SCRATCH) : Set.of();
    if (!scratch.isEmpty()) {
      missing.add(String.join(", ", scratch) + " on the schema history's scratch databases "
          + SCRATCH_GRANT);
    }
    if (!spec.getTarget().isWriteBinlog() && !canSkipBinlog(target)) {
      missing.add("SYSTEM_VARIABLES_ADMIN or SUPER (to set sql_log_bin=0 for writeBinlog: "
          + "false)");
    }
    if (missing.isEmpty()) {
      return Finding.pass("the user has " + String.join(", ", needed) + " on the "
          + targetSchemas.size() + " target schema(s) and can keep ledgers in "
          + MetaSchema.NAME);
    }
    String message = "the user lacks " + String.join("; ", missing);
    String remedy = "GRANT " + String.join(", ", needed) + " ON each target schema (`db`.*), and "
        + String.join(", ", LEDGERS) + " ON " + MetaSchema.NAME + ".*"
        + (replicates ? ", and " + String.join(", ", SCRATCH) + " ON " + SCRATCH_GRANT : "")
        + ", to the user";
    return grants.viaRoles()
        ? Finding.warn(message + " unless a granted role gives it", remedy)
        : Finding.fail(message, remedy);
  }

  /** Privileges on each target schema: rows always, DDL when Ferry creates or replays it. */
  private static Set<String> needed(MigrationTaskSpec spec) {
    Set<String> needed = new LinkedHashSet<>(ROWS);
    SchemaSpec schema = spec.getSchema();
    if (schema.isEnabled() && spec.getMode() != Mode.Incremental) {
      needed.addAll(List.of("CREATE", "ALTER", "INDEX", "REFERENCES"));
      if (schema.isViews()) {
        needed.addAll(List.of("CREATE VIEW", "SHOW VIEW"));
      }
      if (schema.isTriggers()) {
        needed.add("TRIGGER");
      }
      if (schema.isRoutines()) {
        needed.addAll(List.of("CREATE ROUTINE", "ALTER ROUTINE"));
      }
    }
    if (spec.getMode() != Mode.Full && spec.getIncremental().getDdlPolicy() == DdlPolicy.Apply) {
      needed.addAll(List.of("CREATE", "ALTER", "INDEX", "DROP"));
    }
    return needed;
  }

  private static boolean canSkipBinlog(Connection target) throws SQLException {
    try (Statement statement = target.createStatement()) {
      statement.execute("SET SESSION sql_log_bin = 0");
      statement.execute("SET SESSION sql_log_bin = 1");
      return true;
    } catch (SQLException e) {
      if (e.getErrorCode() == SPECIFIC_ACCESS_DENIED) {
        return false;
      }
      throw e;
    }
  }
}
