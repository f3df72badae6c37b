package dev.ferry.worker.cdc;

/**
 * A column of a source table as the change stream knows it.
 *
 * @param name column name on the source
 * @param generated whether the column is generated (its value is never written to the target)
 */
public record SourceColumn(String name, boolean generated) {}
