package dev.ferry.worker.validation;

import java.util.Locale;
import java.util.Objects;

/**
 * One column as validation compares it: its name and type on each side.
 *
 * @param sourceName column name on the source
 * @param targetName column name on the target (after renames and name case)
 * @param sourceType {@code information_schema.COLUMNS.DATA_TYPE} on the source, lower case
 * @param targetType the same on the target
 * @param sourceCharset character set on the source, or null for non-character columns
 * @param targetCharset character set on the target, or null
 * @param targetEnumError whether an empty value on the target is the ENUM error value (see
 *     {@link dev.ferry.worker.target.EnumErrorWrites#emptyIsErrorValue})
 */
record ComparedColumn(String sourceName, String targetName, String sourceType, String targetType,
    String sourceCharset, String targetCharset, boolean targetEnumError) {

  ComparedColumn {
    sourceType = sourceType.toLowerCase(Locale.ROOT);
    targetType = targetType.toLowerCase(Locale.ROOT);
  }

  /** The column's name on one side. */
  String name(Side side) {
    return side == Side.SOURCE ? sourceName : targetName;
  }

  /** Whether both sides store the column's characters in the same character set. */
  boolean sameCharset() {
    return Objects.equals(sourceCharset, targetCharset);
  }

  /** Whether the column's values travel as bytes, not characters (binary strings, BIT). */
  boolean binary() {
    TypeClass type = TypeClass.of(this);
    return type == TypeClass.BYTES || type == TypeClass.LOB_BYTES || type == TypeClass.BIT;
  }
}
