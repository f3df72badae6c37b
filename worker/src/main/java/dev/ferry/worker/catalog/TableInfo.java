package dev.ferry.worker.catalog;

import dev.ferry.worker.sql.TableRef;

/**
 * A table as {@code information_schema.TABLES} lists it.
 *
 * @param type TABLE_TYPE ({@code BASE TABLE}, {@code VIEW}, ...)
 * @param rowsEstimated the server's estimate of its rows (0 when unknown)
 * @param collation its default collation, or null (views)
 */
public record TableInfo(TableRef ref, String type, long rowsEstimated, String collation) {

  /** The character set of {@link #collation}: its name up to the first underscore. */
  public String charset() {
    int underscore = collation.indexOf('_');
    return underscore < 0 ? collation : collation.substring(0, underscore);
  }
}
