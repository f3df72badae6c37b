package dev.ferry.worker.cdc;

import dev.ferry.api.position.Position;
import dev.ferry.api.v1alpha1.DdlOverride;
import dev.ferry.worker.cdc.change.SourceTransaction;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The user's word on single DDL statements of the binlog ({@code spec.incremental.ddlOverrides},
 * like TiDB DM's {@code handle-error}): a statement is named by its source and either the
 * position right after it, {@code file:offset}, or its GTID, the forms {@link #name} gives it in
 * errors. A position is where exactly one event ends in one binlog, and a GTID is one
 * transaction's, so an entry matches that one statement and no other, before or after a resume.
 */
final class DdlOverrides {

  private final Supplier<List<DdlOverride>> overrides;

  /** {@code overrides}: read at each DDL, so a spec read again is followed. */
  DdlOverrides(Supplier<List<DdlOverride>> overrides) {
    this.overrides = overrides;
  }

  /** The entry for the DDL {@code statement}, if any. */
  Optional<DdlOverride> at(SourceTransaction statement) {
    String position = statement.end().file() == null ? null : position(statement.end());
    return overrides.get().stream()
        .filter(entry -> entry.getSource() == null
            || entry.getSource().equals(statement.source()))
        .filter(entry -> position != null && position.equals(entry.getPosition())
            || statement.gtid() != null && statement.gtid().equalsIgnoreCase(entry.getGtid()))
        .findFirst();
  }

  /** How errors and logs name {@code statement}: {@code file:offset}, and its GTID if any. */
  static String name(SourceTransaction statement) {
    String position = position(statement.end());
    return statement.gtid() == null ? position : position + " (GTID " + statement.gtid() + ")";
  }

  /** An entry naming {@code statement}, for an error to show: {@code {source, position, action}}. */
  static String entry(SourceTransaction statement, String action) {
    String entry = "{source: " + statement.source() + ", position: \""
        + position(statement.end()) + "\", " + action + "}";
    return statement.gtid() == null ? entry
        : entry + " (or gtid: \"" + statement.gtid() + "\" in place of the position)";
  }

  private static String position(Position end) {
    return end.file() + ":" + end.offset();
  }
}
