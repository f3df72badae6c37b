package dev.ferry.worker.cdc.change;


/**
 * One row change of a source transaction, with values decoded exactly and ready to bind as
 * JDBC parameters: {@code String} for character data (decoded with the column's charset),
 * {@code byte[]} for binary, BLOB, BIT and spatial data, {@code Long}/{@code BigInteger} for
 * integers (unsigned values kept positive), {@code BigDecimal} for DECIMAL, {@code Float} and
 * {@code Double} with every bit kept, {@code String} for temporal values in their canonical
 * text ({@code 2024-02-29 13:14:15.123456}, zero dates as written) and for JSON, {@code Long}
 * for ENUM indexes and SET bitmasks, and null for NULL.
 *
 * @param before the row before the change (UPDATE, DELETE), else null
 * @param after the row after the change (INSERT, UPDATE), else null
 */
public record RowChange(TableSchema schema, RowOperation operation, Object[] before,
    Object[] after) {}
