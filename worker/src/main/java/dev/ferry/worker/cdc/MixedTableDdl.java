package dev.ferry.worker.cdc;

import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.Sql;
import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * A table DDL statement that names migrated and not migrated tables, as the target must see it.
 * A DROP TABLE drops the migrated ones only. A table renamed (RENAME TABLE, or ALTER TABLE ...
 * RENAME TO) to a name that is not migrated leaves the set: the target drops its copy, as if the
 * source had dropped the table. A table renamed from a name that is not migrated into the set has
 * no copy on the target: it is handed to the caller to copy ({@link TableArrivals}). Rename pairs within
 * the set stay renames, pairs outside it are left out; MySQL renames the pairs of one statement
 * left to right, so replaying them one by one in that order gives the same result.
 */
final class MixedTableDdl {

  private static final Pattern IF_EXISTS =
      Pattern.compile("^\\s*DROP\\s+TABLES?\\s+IF\\s+EXISTS\\b", Pattern.CASE_INSENSITIVE);

  private MixedTableDdl() {}

  /**
   * The changes to replay for {@code ddl}: itself unless it is a DROP TABLE or a rename that
   * names both migrated and not migrated tables; then the DROP TABLE of the migrated ones, or
   * one change per migrated or crossing rename pair, in order (the other clauses of an ALTER
   * TABLE that moves its table out of the set do not matter).
   *
   * @param at the position right after the statement, as ddlOverrides names it (for the log)
   * @param arriving told of each migrated name that a pair gives a not migrated table, in order
   */
  static List<DdlChange> split(DdlChange ddl, Function<TableRef, Optional<TableMapping>> mappings,
      Object at, Consumer<TableRef> arriving, Logger log) {
    if (ddl.kind() == DdlChange.Kind.DROP_TABLE) {
      return dropMigrated(ddl, mappings);
    }
    if (!renames(ddl) || !crossesTheSet(ddl, mappings)) {
      return List.of(ddl);
    }
    List<DdlChange> out = new ArrayList<>();
    List<TableRef> tables = ddl.tables();
    for (int i = 0; i + 1 < tables.size(); i += 2) {
      TableRef from = tables.get(i);
      TableRef to = tables.get(i + 1);
      boolean fromMigrated = mappings.apply(from).isPresent();
      boolean toMigrated = mappings.apply(to).isPresent();
      if (fromMigrated && toMigrated) {
        out.add(new DdlChange(ddl.defaultSchema(), "RENAME TABLE " + qualified(from) + " TO "
            + qualified(to), DdlChange.Kind.RENAME_TABLE, List.of(from, to)));
      } else if (fromMigrated) {
        log.info("{} is renamed to {}, which is not migrated: dropping it on the target ({})",
            from, to, ddl.sql());
        out.add(drop(ddl, List.of(from), true));
      } else if (toMigrated) {
        log.info("{} (not migrated) enters the migrated set as {} at {}: it is copied ({})",
            from, to, at, ddl.sql());
        arriving.accept(to);
      }
    }
    return out;
  }

  private static List<DdlChange> dropMigrated(DdlChange ddl,
      Function<TableRef, Optional<TableMapping>> mappings) {
    List<TableRef> migrated = ddl.tables().stream()
        .filter(table -> mappings.apply(table).isPresent()).toList();
    if (migrated.isEmpty() || migrated.size() == ddl.tables().size()) {
      return List.of(ddl);
    }
    return List.of(drop(ddl, migrated, IF_EXISTS.matcher(ddl.sql()).find()));
  }

  private static DdlChange drop(DdlChange ddl, List<TableRef> tables, boolean ifExists) {
    String names = String.join(", ", tables.stream().map(MixedTableDdl::qualified).toList());
    return new DdlChange(ddl.defaultSchema(), "DROP TABLE " + (ifExists ? "IF EXISTS " : "")
        + names, DdlChange.Kind.DROP_TABLE, tables);
  }

  /** RENAME TABLE, or an ALTER TABLE with a RENAME TO clause (its two names). */
  private static boolean renames(DdlChange ddl) {
    return ddl.kind() == DdlChange.Kind.RENAME_TABLE
        || ddl.kind() == DdlChange.Kind.ALTER_TABLE && ddl.tables().size() == 2;
  }

  private static boolean crossesTheSet(DdlChange ddl,
      Function<TableRef, Optional<TableMapping>> mappings) {
    List<TableRef> tables = ddl.tables();
    for (int i = 0; i + 1 < tables.size(); i += 2) {
      if (mappings.apply(tables.get(i)).isPresent()
          != mappings.apply(tables.get(i + 1)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static String qualified(TableRef table) {
    return Sql.qualified(table.schema(), table.table());
  }
}
