package dev.ferry.worker.fullload;

import java.util.Locale;
import java.util.Set;

/**
 * How the values of one column travel from source to target so that they arrive bit for bit.
 * Text and numbers go as text in the connection character set (utf8mb4; the servers convert from
 * and to the column's character set, so latin1, gbk or sjis columns keep their characters);
 * binary strings, BIT and spatial values go as raw bytes; FLOAT is read widened to DOUBLE, whose
 * text form the servers print with every significant digit.
 */
enum ValueKind {
  /** Read as the utf8mb4 text the server prints, written as text. */
  TEXT,
  /** Read as raw bytes, written as bytes. */
  BINARY,
  /** Read as {@code col * 1e0} (exact widening to DOUBLE), written as text. */
  FLOAT;

  private static final Set<String> BINARY_TYPES = Set.of("binary", "varbinary", "tinyblob",
      "blob", "mediumblob", "longblob", "bit", "geometry", "point", "linestring", "polygon",
      "multipoint", "multilinestring", "multipolygon", "geometrycollection", "geomcollection");

  /** The kind for an {@code information_schema.COLUMNS.DATA_TYPE}. */
  static ValueKind of(String dataType) {
    String type = dataType.toLowerCase(Locale.ROOT);
    if (BINARY_TYPES.contains(type)) {
      return BINARY;
    }
    return type.equals("float") ? FLOAT : TEXT;
  }
}
