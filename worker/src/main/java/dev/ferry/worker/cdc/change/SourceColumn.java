package dev.ferry.worker.cdc.change;

/**
 * A column of a source table as the change stream knows it.
 *
 * @param name column name on the source
 * @param generated whether the column is generated (its value is never written to the target)
 * @param enumeration whether the column is an ENUM (its values arrive as indexes; index 0 is
 *     the error value a non-strict server stores for a value outside the list)
 */
public record SourceColumn(String name, boolean generated, boolean enumeration) {

  /** A column that is no ENUM. */
  public SourceColumn(String name, boolean generated) {
    this(name, generated, false);
  }
}
