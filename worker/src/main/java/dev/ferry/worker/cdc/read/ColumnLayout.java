package dev.ferry.worker.cdc.read;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import java.nio.charset.Charset;

/**
 * How to decode one column of a row event.
 *
 * @param name the column's name on the source
 * @param type the column's real type (CHAR, ENUM and SET are told apart)
 * @param unsigned whether an integer column is UNSIGNED
 * @param charset the charset of character data, or null for binary data and other types
 * @param generated whether the column is generated
 * @param binaryLength the declared length of a BINARY(n) column, whose trailing zero bytes the
 *     binlog drops, else 0
 */
record ColumnLayout(String name, ColumnType type, boolean unsigned, Charset charset,
    boolean generated, int binaryLength) {

  /** The real type of a TABLE_MAP column: CHAR columns carry ENUM and SET in their metadata. */
  static ColumnType realType(int typeCode, int meta) {
    if (typeCode == ColumnType.STRING.getCode() && meta >= 256) {
      int realCode = meta >> 8;
      if (realCode == ColumnType.ENUM.getCode() || realCode == ColumnType.SET.getCode()) {
        return ColumnType.byCode(realCode);
      }
    }
    return ColumnType.byCode(typeCode);
  }

  /** The maximum byte length of a CHAR/BINARY column from its TABLE_MAP metadata. */
  static int fixedLength(int meta) {
    if (meta < 256) {
      return meta;
    }
    int meta0 = meta >> 8;
    return (meta & 0xFF) | (((meta0 & 0x30) ^ 0x30) << 4);
  }

  /** Whether TABLE_MAP metadata lists a charset for a column of this real type. */
  static boolean isCharacter(ColumnType type) {
    return type == ColumnType.STRING || type == ColumnType.VARCHAR
        || type == ColumnType.VAR_STRING || type == ColumnType.BLOB;
  }
}
