package dev.ferry.worker.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A unique index (the primary key included) as {@code information_schema.STATISTICS} lists it.
 *
 * @param columns its column names in index order; a null entry is an expression (a functional
 *     key part)
 * @param prefix whether some part indexes only a prefix of its column, or an expression
 */
public record UniqueKey(String name, List<String> columns, boolean prefix) {

  /** The name MySQL-compatible servers give the primary key. */
  public static final String PRIMARY = "PRIMARY";

  public UniqueKey {
    columns = Collections.unmodifiableList(new ArrayList<>(columns));
  }

  /** Whether this is the primary key. */
  public boolean primary() {
    return PRIMARY.equals(name);
  }
}
