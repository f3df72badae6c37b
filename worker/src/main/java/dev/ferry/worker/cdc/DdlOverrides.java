package dev.ferry.worker.cdc;

import dev.ferry.api.position.Position;
import dev.ferry.api.v1alpha1.DdlOverride;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The user's word on single DDL statements of the binlog ({@code spec.incremental.ddlOverrides},
 * like TiDB DM's {@code handle-error}): a statement is named by its source and the position
 * right after it, {@code file:offset}, the form {@link #name} gives it in errors. A position is
 * where exactly one event ends in one binlog, so an entry matches that one statement and no
 * other, before or after a resume.
 */
final class DdlOverrides {

  private final Supplier<List<DdlOverride>> overrides;

  /** {@code overrides}: read at each DDL, so a spec read again is followed. */
  DdlOverrides(Supplier<List<DdlOverride>> overrides) {
    this.overrides = overrides;
  }

  /** The entry for the DDL of {@code source} that ends at {@code end}, if any. */
  Optional<DdlOverride> at(String source, Position end) {
    if (end.file() == null) {
      return Optional.empty();
    }
    String name = name(end);
    return overrides.get().stream()
        .filter(entry -> name.equals(entry.getPosition())
            && (entry.getSource() == null || entry.getSource().equals(source)))
        .findFirst();
  }

  /** How an entry names the statement that ends at {@code end}: {@code file:offset}. */
  static String name(Position end) {
    return end.file() + ":" + end.offset();
  }
}
