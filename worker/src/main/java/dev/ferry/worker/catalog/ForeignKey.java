package dev.ferry.worker.catalog;

import dev.ferry.worker.sql.TableRef;

/**
 * A foreign key as {@code information_schema.REFERENTIAL_CONSTRAINTS} lists it.
 *
 * @param table the table that holds the constraint (the child)
 * @param referenced the table it references (the parent)
 */
public record ForeignKey(String name, TableRef table, TableRef referenced) {

  /** Whether {@code other} holds or is referenced by this key. */
  public boolean involves(TableRef other) {
    return table.equals(other) || referenced.equals(other);
  }
}
