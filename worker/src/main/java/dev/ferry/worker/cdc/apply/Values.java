package dev.ferry.worker.cdc.apply;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** Helpers for the decoded column values of row images (see {@code RowChange}). */
final class Values {

  private static final int DESCRIBED_CHARS = 64;

  private Values() {}

  /** Whether two values of the same column are equal (byte arrays by content). */
  static boolean same(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    return Objects.equals(a, b);
  }

  /**
   * A text form of a key value for causality: equal on the target implies equal text. Strings
   * (and bytes bound for a character column) are folded by {@code fold}, the target column's
   * collation (see {@link CollationFold}).
   */
  static String causal(Object value, CollationFold fold) {
    if (value == null) {
      return "\u0000";
    }
    if (value instanceof String s) {
      return "s" + fold.fold(s);
    }
    if (value instanceof byte[] bytes) {
      if (fold == CollationFold.BINARY) {
        return "b" + HexFormat.of().formatHex(bytes);
      }
      String text = fold.text(bytes);
      return "s" + (text == null ? "" : fold.fold(text));
    }
    if (value instanceof BigDecimal decimal) {
      return "n" + decimal.stripTrailingZeros().toPlainString();
    }
    return "n" + value;
  }

  /** Roughly how many bytes a row image takes on the wire, for throttling and packet sizes. */
  static long size(Object[] row) {
    long bytes = 0;
    if (row != null) {
      for (Object value : row) {
        bytes += value instanceof byte[] b ? b.length
            : value instanceof String s ? s.length() : 8;
      }
    }
    return bytes;
  }

  /** A value for an error message, shortened. */
  static String describe(Object value) {
    String text;
    if (value == null) {
      return "NULL";
    } else if (value instanceof byte[] bytes) {
      text = "0x" + HexFormat.of().formatHex(bytes);
    } else if (value instanceof String s) {
      text = "'" + s + "'";
    } else {
      text = value.toString();
    }
    return text.length() <= DESCRIBED_CHARS ? text : text.substring(0, DESCRIBED_CHARS) + "…";
  }
}
