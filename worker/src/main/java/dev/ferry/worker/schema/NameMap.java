package dev.ferry.worker.schema;

import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.TableRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the migrated objects of one source land on the target: tables and views (with column
 * renames) and routines, looked up by their source names. Used to rewrite references inside
 * DDL text.
 */
final class NameMap {

  private final Map<TableRef, TableMapping> relations = new HashMap<>();
  private final Set<TableRef> views = new HashSet<>();
  private final Map<TableRef, TableRef> routines = new HashMap<>();

  void addTable(TableMapping table) {
    relations.put(table.source(), table);
  }

  void addView(TableMapping view) {
    relations.put(view.source(), view);
    views.add(view.source());
  }

  void addRoutine(TableRef source, TableRef target) {
    routines.put(routineKey(source.schema(), source.table()), target);
  }

  /** The mapping of the migrated table or view {@code schema.name}, or null. */
  TableMapping relation(String schema, String name) {
    return relations.get(new TableRef(schema, name));
  }

  /** Whether {@code source} is a migrated view. */
  boolean isView(TableRef source) {
    return views.contains(source);
  }

  /** The target of the migrated routine {@code schema.name} (names ignore case), or null. */
  TableRef routine(String schema, String name) {
    return routines.get(routineKey(schema, name));
  }

  private static TableRef routineKey(String schema, String name) {
    return new TableRef(schema, name.toLowerCase(Locale.ROOT));
  }
}
