package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.sql.TableRef;
import java.util.List;

/**
 * A foreign key on the target whose rule changes child rows when its parent row is deleted or
 * its referenced values change ({@code CASCADE} or {@code SET NULL}). The source's binlog holds
 * only the parent's change: the child rows' changes are the server's own work.
 *
 * @param child the table that holds the key
 * @param columns the child's columns, in key order
 * @param referenced the parent's referenced columns, in the same order
 * @param onUpdate its UPDATE_RULE ({@code CASCADE}, {@code SET NULL}, {@code RESTRICT}, ...)
 * @param onDelete its DELETE_RULE
 */
record CascadingKey(String name, TableRef child, List<String> columns, List<String> referenced,
    String onUpdate, String onDelete) {

  /** Whether deleting a parent row changes child rows. */
  boolean actsOnDelete() {
    return acts(onDelete);
  }

  /** Whether changing a parent row's referenced values changes child rows. */
  boolean actsOnUpdate() {
    return acts(onUpdate);
  }

  /** Whether {@code rule} changes child rows (InnoDB does not carry out SET DEFAULT). */
  static boolean acts(String rule) {
    return "CASCADE".equals(rule) || "SET NULL".equals(rule);
  }
}
