package dev.ferry.worker.fullload;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Rows in the text format of {@link LoadDataWriter}'s LOAD DATA: fields separated by tabs, rows
 * by newlines, {@code \N} for NULL, backslash escapes for the characters with a meaning, binary
 * values as hexadecimal digits.
 */
final class LoadDataBatch implements RowBatch {

  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final boolean[] binary;
  private final boolean[] enumErrors;
  private byte[] buffer = new byte[1 << 20];
  private int size;
  private int rows;
  private long bytes;
  private long enumErrorValues;

  /**
   * @param enumErrors for each column, whether an empty value there is the ENUM error value
   *     (see {@link TargetColumns#enumErrorValues})
   */
  LoadDataBatch(List<Column> columns, boolean[] enumErrors) {
    this.enumErrors = enumErrors;
    this.binary = Column.binary(columns);
  }

  @Override
  public long add(ResultSet rs) throws SQLException {
    long added = 0;
    for (int i = 0; i < binary.length; i++) {
      if (i > 0) {
        append((byte) '\t');
      }
      byte[] value = rs.getBytes(i + 1);
      if (value == null) {
        append((byte) '\\');
        append((byte) 'N');
        continue;
      }
      added += value.length;
      if (value.length == 0 && enumErrors[i]) {
        enumErrorValues++;
      }
      if (binary[i]) {
        hex(value);
      } else {
        escape(value);
      }
    }
    append((byte) '\n');
    rows++;
    bytes += added;
    return added;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public long bytes() {
    return bytes;
  }

  /** How many ENUM error values the rows hold: each makes the server warn once. */
  long enumErrors() {
    return enumErrorValues;
  }

  @Override
  public void clear() {
    enumErrorValues = 0;
    size = 0;
    rows = 0;
    bytes = 0;
  }

  /** The encoded rows: the first {@link #size} bytes of this array. */
  byte[] buffer() {
    return buffer;
  }

  /** The length of the encoded rows in {@link #buffer}. */
  int size() {
    return size;
  }

  /**
   * Appends a text value, escaping the characters LOAD DATA gives a meaning; the runs between
   * them are copied in bulk (most values have none).
   */
  private void escape(byte[] value) {
    reserve(value.length * 2);
    int start = 0;
    for (int i = 0; i < value.length; i++) {
      byte b = value[i];
      if (b == '\\' || b == '\t' || b == '\n' || b == 0) {
        System.arraycopy(value, start, buffer, size, i - start);
        size += i - start;
        buffer[size++] = '\\';
        buffer[size++] = switch (b) {
          case '\t' -> (byte) 't';
          case '\n' -> (byte) 'n';
          case 0 -> (byte) '0';
          default -> (byte) '\\';
        };
        start = i + 1;
      }
    }
    System.arraycopy(value, start, buffer, size, value.length - start);
    size += value.length - start;
  }

  /** Appends a binary value as hexadecimal digits. */
  private void hex(byte[] value) {
    reserve(value.length * 2);
    for (byte b : value) {
      buffer[size++] = HEX_DIGITS[(b >> 4) & 0xF];
      buffer[size++] = HEX_DIGITS[b & 0xF];
    }
  }

  private void append(byte b) {
    reserve(1);
    buffer[size++] = b;
  }

  private void reserve(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
