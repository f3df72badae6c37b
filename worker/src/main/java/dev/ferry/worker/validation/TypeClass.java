package dev.ferry.worker.validation;

import dev.ferry.worker.db.Flavor;
import java.util.Set;

/**
 * How validation turns a column's value into canonical text inside the database, so that equal
 * values give equal text on any flavour and in any session, and different values different text.
 * Every form is plain ASCII without {@code '#'}, the separator of a row's canonical text.
 */
enum TypeClass {
  /** Integers, DECIMAL, YEAR: the server's decimal text (DECIMAL keeps the column's scale). */
  NUMBER,
  /**
   * FLOAT and DOUBLE: widened exactly to DOUBLE ({@code c * 1e0}), then printed as its sign, a
   * tier {@code t} and the magnitude scaled by 2^(-40t) into [1, 2^40). Scaling by a power of two
   * is exact, so the text is a one-to-one image of the bits (+0 and -0 compare equal); and in
   * that range both flavours print the shortest round-trip text in plain notation, within the 22
   * characters MySQL keeps (MySQL and MariaDB choose exponent notation differently for very small
   * or large numbers, and MySQL cuts long texts such as {@code -1.2345678901234567e-300}).
   */
  FLOATING,
  /** BIT: its unsigned integer. */
  BIT,
  /** DATE, TIME, DATETIME, TIMESTAMP: text with the column's fraction digits, in a UTC session. */
  TEMPORAL,
  /** CHAR, VARCHAR, ENUM, SET: hexadecimal bytes in the column's character set. */
  CHARS,
  /** TEXT types: MD5 of the bytes in the column's character set. */
  LOB_CHARS,
  /** BINARY, VARBINARY: hexadecimal bytes. */
  BYTES,
  /** BLOB and spatial types: MD5 of the bytes. */
  LOB_BYTES,
  /** JSON on at least one side (MariaDB stores JSON as LONGTEXT): MD5 of a normalised text. */
  JSON,
  /** Anything else (for example MariaDB's INET6 or UUID): hexadecimal of the value's text. */
  OTHER;

  /** Bits per FLOATING tier: magnitudes are scaled into [1, 2^40). */
  private static final int TIER_BITS = 40;
  /** The tier of the smallest subnormal double (2^-1074 lies in [2^-1080, 2^-1040)). */
  private static final int MIN_TIER = -27;
  /** The tier of the largest doubles (up to 2^1024, scaled by 2^-1000). */
  private static final int MAX_TIER = 25;

  private static final Set<String> NUMBERS = Set.of("tinyint", "smallint", "mediumint", "int",
      "integer", "bigint", "decimal", "numeric", "year", "bool", "boolean");
  private static final Set<String> FLOATS = Set.of("float", "double", "real",
      "double precision");
  private static final Set<String> TEMPORALS = Set.of("date", "time", "datetime", "timestamp");
  private static final Set<String> CHARACTERS = Set.of("char", "varchar", "enum", "set");
  private static final Set<String> TEXTS = Set.of("tinytext", "text", "mediumtext", "longtext");
  private static final Set<String> BINARIES = Set.of("binary", "varbinary");
  private static final Set<String> LOBS = Set.of("tinyblob", "blob", "mediumblob", "longblob",
      "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
      "multipolygon", "geometrycollection", "geomcollection");

  /** The class of {@code column}, decided by its source type (JSON by either side). */
  static TypeClass of(ComparedColumn column) {
    if (column.sourceType().equals("json") || column.targetType().equals("json")) {
      return JSON;
    }
    String type = column.sourceType();
    if (NUMBERS.contains(type)) {
      return NUMBER;
    }
    if (FLOATS.contains(type)) {
      return FLOATING;
    }
    if (type.equals("bit")) {
      return BIT;
    }
    if (TEMPORALS.contains(type)) {
      return TEMPORAL;
    }
    if (CHARACTERS.contains(type)) {
      return CHARS;
    }
    if (TEXTS.contains(type)) {
      return LOB_CHARS;
    }
    if (BINARIES.contains(type)) {
      return BYTES;
    }
    return LOBS.contains(type) ? LOB_BYTES : OTHER;
  }

  /**
   * The canonical text of {@code column} on {@code side}, a server of {@code flavor}.
   *
   * @param quoted the column as a quoted identifier on that side
   */
  String expression(ComparedColumn column, Side side, Flavor flavor, String quoted) {
    return switch (this) {
      case NUMBER, TEMPORAL -> quoted;
      case FLOATING -> floating("(" + quoted + " * 1e0)");
      case BIT -> "(" + quoted + " + 0)";
      case CHARS -> "HEX(" + characters(column, quoted) + ")";
      case LOB_CHARS -> "MD5(" + characters(column, quoted) + ")";
      case BYTES, OTHER -> "HEX(" + quoted + ")";
      case LOB_BYTES -> "MD5(" + quoted + ")";
      case JSON -> "MD5(" + json(column, side, flavor, quoted) + ")";
    };
  }

  /**
   * Sign, tier and scaled magnitude of the DOUBLE {@code value}, as described on FLOATING, in
   * the form {@code <negative 0|1>:<tier>:<magnitude * 2^(-40 tier)>}, or {@code 0:z} for zero.
   */
  static String floating(String value) {
    // the common tiers 0 and -1 first; the ascending chain then finds any other tier
    String a = "ABS(" + value + ")";
    StringBuilder tiers = new StringBuilder("CASE WHEN " + a + " >= 1 AND " + a + " < POW(2, "
        + TIER_BITS + ") THEN CONCAT('0:', " + a + ") WHEN " + a + " >= POW(2, -" + TIER_BITS
        + ") AND " + a + " < 1 THEN CONCAT('-1:', " + a + scale(TIER_BITS) + ")"
        + " WHEN " + a + " = 0 THEN 'z'");
    for (int tier = MIN_TIER; tier < MAX_TIER; tier++) {
      tiers.append(" WHEN ").append(a).append(" < POW(2, ").append(TIER_BITS * (tier + 1))
          .append(") THEN CONCAT('").append(tier).append(":', ").append(a)
          .append(scale(-TIER_BITS * tier)).append(')');
    }
    tiers.append(" ELSE CONCAT('").append(MAX_TIER).append(":', ").append(a)
        .append(scale(-TIER_BITS * MAX_TIER)).append(") END");
    return "CONCAT(" + value + " < 0, ':', " + tiers + ")";
  }

  /** {@code * POW(2, bits)}, in two factors when one would leave the range of doubles. */
  private static String scale(int bits) {
    if (Math.abs(bits) <= 1000) {
      return " * POW(2, " + bits + ")";
    }
    return " * POW(2, " + bits / 2 + ") * POW(2, " + (bits - bits / 2) + ")";
  }

  /** The column's characters: its own bytes, or utf8mb4 when the two sides' sets differ. */
  private static String characters(ComparedColumn column, String quoted) {
    return column.sameCharset() ? quoted : "CONVERT(" + quoted + " USING utf8mb4)";
  }

  /**
   * JSON as MySQL prints it: MySQL's own text of its binary JSON; on MariaDB (LONGTEXT), the
   * text without whitespace, then spaced as MySQL spaces it.
   */
  private static String json(ComparedColumn column, Side side, Flavor flavor, String quoted) {
    String type = side == Side.SOURCE ? column.sourceType() : column.targetType();
    if (type.equals("json")) {
      return "CAST(" + quoted + " AS CHAR CHARACTER SET utf8mb4)";
    }
    if (flavor == Flavor.MARIADB) {
      return "JSON_LOOSE(JSON_COMPACT(" + quoted + "))";
    }
    return "CAST(CAST(" + quoted + " AS JSON) AS CHAR CHARACTER SET utf8mb4)";
  }

  /** The double whose {@link #floating} text is {@code text} (zero is always +0). */
  static double parseFloating(String text) {
    String[] parts = text.split(":");
    if (parts[1].equals("z")) {
      return 0;
    }
    double magnitude = Math.scalb(Double.parseDouble(parts[2]),
        TIER_BITS * Integer.parseInt(parts[1]));
    return parts[0].equals("1") ? -magnitude : magnitude;
  }
}
