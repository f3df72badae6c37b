package dev.ferry.worker.cdc.read;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * Java charsets for MySQL/MariaDB character sets. {@code binary} has none: such values stay
 * bytes. MySQL's {@code latin1} is Windows-1252, and {@code utf8}/{@code utf8mb3} are UTF-8.
 */
final class Charsets {

  /** The MySQL character set of binary strings. */
  static final String BINARY = "binary";

  private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
      Map.entry("utf8mb4", "UTF-8"),
      Map.entry("utf8mb3", "UTF-8"),
      Map.entry("utf8", "UTF-8"),
      Map.entry("latin1", "windows-1252"),
      Map.entry("ascii", "US-ASCII"),
      Map.entry("ucs2", "UTF-16BE"),
      Map.entry("utf16", "UTF-16BE"),
      Map.entry("utf16le", "UTF-16LE"),
      Map.entry("utf32", "UTF-32BE"),
      Map.entry("latin2", "ISO-8859-2"),
      Map.entry("latin5", "ISO-8859-9"),
      Map.entry("latin7", "ISO-8859-13"),
      Map.entry("greek", "ISO-8859-7"),
      Map.entry("hebrew", "ISO-8859-8"),
      Map.entry("cp1250", "windows-1250"),
      Map.entry("cp1251", "windows-1251"),
      Map.entry("cp1256", "windows-1256"),
      Map.entry("cp1257", "windows-1257"),
      Map.entry("cp850", "IBM850"),
      Map.entry("cp852", "IBM852"),
      Map.entry("cp866", "IBM866"),
      Map.entry("koi8r", "KOI8-R"),
      Map.entry("koi8u", "KOI8-U"),
      Map.entry("gbk", "GBK"),
      Map.entry("gb2312", "GB2312"),
      Map.entry("gb18030", "GB18030"),
      Map.entry("big5", "Big5"),
      Map.entry("sjis", "Shift_JIS"),
      Map.entry("cp932", "windows-31j"),
      Map.entry("ujis", "EUC-JP"),
      Map.entry("eucjpms", "x-eucJP-Open"),
      Map.entry("euckr", "EUC-KR"),
      Map.entry("tis620", "TIS-620"),
      Map.entry("macroman", "x-MacRoman"),
      Map.entry("macce", "x-MacCentralEurope"));

  private Charsets() {}

  /**
   * The Java charset for a MySQL character set name, or null for {@code binary}.
   *
   * @throws FerryException (Fatal) for a character set Java cannot decode
   */
  static Charset forMysql(String mysqlCharset, String where) {
    if (mysqlCharset == null || BINARY.equalsIgnoreCase(mysqlCharset)) {
      return null;
    }
    String javaName = JAVA_NAMES.get(mysqlCharset.toLowerCase());
    if (javaName == null || !Charset.isSupported(javaName)) {
      throw new FerryException(FailureClass.Fatal, "the character set " + mysqlCharset + " of "
          + where + " cannot be decoded exactly; convert the column to utf8mb4 on the source "
          + "or exclude the table");
    }
    return Charset.forName(javaName);
  }
}
