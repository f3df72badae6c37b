package dev.ferry.worker.cdc.apply;

import dev.ferry.api.v1alpha1.TableConflicts;
import java.util.List;

/**
 * The conflicts a policy resolved while applying one source's stream in this run.
 *
 * @param overwritten resolved by Overwrite, all tables
 * @param skipped resolved by Skip, all tables
 * @param tables per target table, bounded (see {@code StatusLimits#MAX_CONFLICT_TABLES})
 */
public record ConflictCounts(long overwritten, long skipped, List<TableConflicts> tables) {

  public ConflictCounts {
    tables = List.copyOf(tables);
  }
}
