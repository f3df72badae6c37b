package dev.ferry.worker.cdc.read;

import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.sql.TableRef;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Turns a decoded row image into the values {@link dev.ferry.worker.cdc.change.RowChange} promises:
 * unsigned integers kept positive ({@code Long}, {@code BigInteger} for BIGINT UNSIGNED),
 * character data decoded with the column's charset, binary data as bytes (BINARY(n) padded
 * back to n), MySQL binary JSON as
 * JSON text, ENUM indexes and SET bitmasks as {@code Long}.
 */
final class ValueConverter {

  private ValueConverter() {}

  /**
   * The row's values in column order.
   *
   * @throws FerryException (Fatal) when the image lacks columns (binlog_row_image not FULL)
   */
  static Object[] convert(TableLayout layout, BitSet included, Serializable[] image) {
    List<ColumnLayout> columns = layout.columns();
    TableRef table = layout.schema().table();
    if (included.cardinality() != columns.size() || image.length != columns.size()) {
      throw new FerryException(FailureClass.Fatal, "the binlog row image of " + table + " has "
          + image.length + " of its " + columns.size() + " columns; set binlog_row_image=FULL on "
          + "the source and restart the incremental phase");
    }
    Object[] values = new Object[image.length];
    for (int i = 0; i < image.length; i++) {
      values[i] = image[i] == null ? null : value(columns.get(i), image[i], table);
    }
    return values;
  }

  private static Object value(ColumnLayout column, Serializable raw, TableRef table) {
    return switch (column.type()) {
      case TINY -> integer(raw, column.unsigned(), 0xFFL);
      case SHORT -> integer(raw, column.unsigned(), 0xFFFFL);
      case INT24 -> integer(raw, column.unsigned(), 0xFFFFFFL);
      case LONG -> integer(raw, column.unsigned(), 0xFFFFFFFFL);
      case LONGLONG -> column.unsigned()
          ? new BigInteger(Long.toUnsignedString((Long) raw)) : raw;
      case ENUM -> ((Number) raw).longValue();
      case STRING -> column.charset() != null ? new String((byte[]) raw, column.charset())
          : padded((byte[]) raw, column.binaryLength());
      case VARCHAR, VAR_STRING, BLOB -> column.charset() == null ? raw
          : new String((byte[]) raw, column.charset());
      case JSON -> json((byte[]) raw, column, table);
      default -> raw;
    };
  }

  /** BINARY(n) values as stored: the binlog drops their trailing zero bytes. */
  private static byte[] padded(byte[] raw, int length) {
    return raw.length < length ? Arrays.copyOf(raw, length) : raw;
  }

  private static Long integer(Serializable raw, boolean unsigned, long mask) {
    long value = ((Number) raw).longValue();
    return unsigned ? value & mask : value;
  }

  private static String json(byte[] raw, ColumnLayout column, TableRef table) {
    if (raw.length == 0) {
      return "null";
    }
    try {
      return JsonBinary.parseAsString(raw);
    } catch (IOException | RuntimeException e) {
      throw new FerryException(FailureClass.Fatal, "the JSON value of column " + column.name()
          + " of " + table + " in the binlog cannot be decoded: " + e.getMessage(), e);
    }
  }
}
