package dev.ferry.worker.schema;

import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders views so that each comes after the views it uses (MySQL checks that a view's tables
 * and views exist when it is created). Views keep their given order where dependencies allow.
 */
final class ViewOrder {

  private ViewOrder() {}

  /**
   * The views of {@code uses} (keys, in order), each after the views it uses.
   *
   * @param uses each view's source name and the source names of the relations it uses
   */
  static List<TableRef> sort(Map<TableRef, Set<TableRef>> uses) {
    List<TableRef> ordered = new ArrayList<>();
    Set<TableRef> done = new HashSet<>();
    Set<TableRef> visiting = new HashSet<>();
    for (TableRef view : new LinkedHashMap<>(uses).keySet()) {
      visit(view, uses, done, visiting, ordered);
    }
    return ordered;
  }

  private static void visit(TableRef view, Map<TableRef, Set<TableRef>> uses, Set<TableRef> done,
      Set<TableRef> visiting, List<TableRef> ordered) {
    if (done.contains(view) || !visiting.add(view)) {
      return;
    }
    for (TableRef used : uses.get(view)) {
      if (uses.containsKey(used) && !used.equals(view)) {
        visit(used, uses, done, visiting, ordered);
      }
    }
    visiting.remove(view);
    done.add(view);
    ordered.add(view);
  }
}
