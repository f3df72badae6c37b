package dev.ferry.worker.cdc.apply;

import dev.ferry.api.v1alpha1.RowConflictPolicy;
import dev.ferry.api.v1alpha1.StatusLimits;
import dev.ferry.api.v1alpha1.TableConflicts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs the conflicts that a policy resolved (Overwrite or Skip), once they are
 * committed: totals over all tables, and per table (the first {@link
 * StatusLimits#MAX_CONFLICT_TABLES} tables that had one) with the latest conflict.
 */
final class ConflictLog {

  private static final Logger LOG = LoggerFactory.getLogger(ConflictLog.class);

  private final String source;
  private final Map<String, TableConflicts> tables = new LinkedHashMap<>();
  private long overwritten;
  private long skipped;

  ConflictLog(String source) {
    this.source = source;
  }

  /** Records a committed conflict that {@code policy} (Overwrite or Skip) resolved. */
  synchronized void resolved(Conflict conflict, RowConflictPolicy policy) {
    boolean overwrite = policy == RowConflictPolicy.Overwrite;
    LOG.warn("source {}: {}; {} by onConflict {}", source, conflict.describe(),
        overwrite ? "the target row was overwritten with the source's"
            : "the target row was left as it is", policy);
    count(conflict.write().table(), overwrite, 1,
        StatusLimits.text(conflict.describe() + " (" + policy + ")"));
  }

  /**
   * Records {@code count} more committed conflicts in {@code target} that {@code policy}
   * resolved, known by their number only (those of a large transaction past the ones it logs).
   */
  synchronized void resolvedInBulk(TargetTable target, RowConflictPolicy policy, long count) {
    LOG.warn("source {}: {} more conflicts in target table {} (not logged one by one) were"
        + " resolved by onConflict {}", source, count, target.target().sql(), policy);
    count(target, policy == RowConflictPolicy.Overwrite, count, null);
  }

  private void count(TargetTable target, boolean overwrite, long count, String last) {
    if (overwrite) {
      overwritten += count;
    } else {
      skipped += count;
    }
    String name = target.target().sql();
    TableConflicts table = tables.get(name);
    if (table == null) {
      if (tables.size() >= StatusLimits.MAX_CONFLICT_TABLES) {
        return;
      }
      table = new TableConflicts();
      table.setTable(target.target().schema() + "." + target.target().table());
      table.setOverwritten(0L);
      table.setSkipped(0L);
      tables.put(name, table);
    }
    if (overwrite) {
      table.setOverwritten(table.getOverwritten() + count);
    } else {
      table.setSkipped(table.getSkipped() + count);
    }
    if (last != null) {
      table.setLast(last);
    }
  }

  /** A copy of the counts so far. */
  synchronized ConflictCounts snapshot() {
    List<TableConflicts> copies = new ArrayList<>();
    for (TableConflicts table : tables.values()) {
      TableConflicts copy = new TableConflicts();
      copy.setTable(table.getTable());
      copy.setOverwritten(table.getOverwritten());
      copy.setSkipped(table.getSkipped());
      copy.setLast(table.getLast());
      copies.add(copy);
    }
    return new ConflictCounts(overwritten, skipped, copies);
  }
}
