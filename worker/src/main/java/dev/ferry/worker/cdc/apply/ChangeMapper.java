package dev.ferry.worker.cdc.apply;

import dev.ferry.api.v1alpha1.DmlOperation;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.RowOperation;
import dev.ferry.worker.cdc.change.TableSchema;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns source row changes into target changes through the table mappings: changes of tables
 * without a mapping, and changes whose operation the table's mapping does not allow, are dropped.
 */
final class ChangeMapper {

  private final Function<TableRef, TableMapping> mappings;
  private final UniqueIndexes uniqueIndexes;
  private final TargetCollations collations;
  private final CascadingKeys cascading;
  private final ConflictPolicies policies;
  private final Map<TableSchema, Optional<Mapped>> layouts = new HashMap<>();

  /** @param policies where each new target layout is bound to its conflict policy */
  ChangeMapper(Function<TableRef, TableMapping> mappings, Database target,
      ConflictPolicies policies) {
    this.mappings = mappings;
    this.uniqueIndexes = new UniqueIndexes(target);
    this.collations = new TargetCollations(target);
    this.cascading = new CascadingKeys(target);
    this.policies = policies;
  }

  /** Forgets the target layouts: a DDL may have changed them. */
  void forget() {
    layouts.clear();
    uniqueIndexes.forget();
    collations.forget();
    cascading.forget();
  }

  /** The changes of {@code rows} that reach the target, in order. */
  List<TargetChange> map(List<RowChange> rows) {
    List<TargetChange> changes = new ArrayList<>(rows.size());
    for (RowChange row : rows) {
      Optional<Mapped> mapped = layouts.computeIfAbsent(row.schema(), this::layout);
      if (mapped.isPresent() && mapped.get().mapping().operations()
          .contains(operation(row.operation()))) {
        changes.add(new TargetChange(mapped.get().table(), row.operation(), row.before(),
            row.after()));
      }
    }
    return changes;
  }

  private Optional<Mapped> layout(TableSchema schema) {
    TableMapping mapping = mappings.apply(schema.table());
    if (mapping == null) {
      return Optional.empty();
    }
    TargetTable table = TargetTable.of(schema, mapping, uniqueIndexes.of(mapping.target()),
        collations.of(mapping.target()), cascading.of(mapping.target()));
    policies.bind(table, mapping.source());
    return Optional.of(new Mapped(mapping, table));
  }

  private static DmlOperation operation(RowOperation operation) {
    return switch (operation) {
      case INSERT -> DmlOperation.Insert;
      case UPDATE -> DmlOperation.Update;
      case DELETE -> DmlOperation.Delete;
    };
  }

  private record Mapped(TableMapping mapping, TargetTable table) {}
}
