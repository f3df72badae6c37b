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
    Object[] after) {

  /** Object header and fields of a change, plus the arrays' headers. */
  private static final long CHANGE_OVERHEAD = 64;
  private static final long IMAGE_OVERHEAD = 16;
  private static final long REFERENCE = 8;
  private static final long BOXED = 16;
  private static final long STRING_OVERHEAD = 40;
  private static final long NUMBER_OVERHEAD = 64;

  /**
   * Roughly how many bytes of heap the change takes: its values with the objects around them.
   * The memory bounds of the stream (queues, the in-memory size of a transaction) count these.
   */
  public long heapBytes() {
    return CHANGE_OVERHEAD + heapBytes(before) + heapBytes(after);
  }

  private static long heapBytes(Object[] image) {
    if (image == null) {
      return 0;
    }
    long bytes = IMAGE_OVERHEAD + REFERENCE * image.length;
    for (Object value : image) {
      bytes += value == null ? 0
          : value instanceof byte[] b ? IMAGE_OVERHEAD + b.length
          // two bytes a char: text outside Latin-1 is stored as UTF-16
          : value instanceof String s ? STRING_OVERHEAD + 2L * s.length()
          : value instanceof Long || value instanceof Double || value instanceof Float
              || value instanceof Integer ? BOXED
          : NUMBER_OVERHEAD;
    }
    return bytes;
  }
}
