package dev.ferry.worker.cdc.apply;

import dev.ferry.api.objects.ObjectFilter;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.RowConflictPolicy;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.worker.sql.TableRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The conflict policy of each target table layout: the {@code onConflict} of the first
 * {@code spec.objects.rules} entry that matches its source table, else
 * {@code spec.incremental.onConflict}. Layouts are bound by the submitting thread and read by the
 * lanes.
 */
final class ConflictPolicies {

  private final MigrationTaskSpec spec;
  private final ObjectFilter filter;
  private final Map<TargetTable, RowConflictPolicy> bound = new ConcurrentHashMap<>();

  ConflictPolicies(MigrationTaskSpec spec) {
    this.spec = spec;
    this.filter = ObjectFilter.of(spec);
  }

  /** Binds {@code table}, a layout of source table {@code source}, to the policy of its rule. */
  void bind(TargetTable table, TableRef source) {
    RowConflictPolicy policy = filter.ruleFor(source.schema(), source.table())
        .map(TableRule::getOnConflict).orElse(null);
    bound.put(table, policy != null ? policy : spec.getIncremental().getOnConflict());
  }

  /** The policy of a bound layout (Fail for one never bound). */
  RowConflictPolicy of(TargetTable table) {
    return bound.getOrDefault(table, RowConflictPolicy.Fail);
  }
}
