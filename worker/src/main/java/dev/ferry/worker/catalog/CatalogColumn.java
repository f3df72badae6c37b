package dev.ferry.worker.catalog;

import java.util.List;
import java.util.Locale;

/**
 * One column as {@code information_schema.COLUMNS} describes it.
 *
 * @param ordinal position in the table, from 1
 * @param dataType DATA_TYPE, lower case ({@code varchar})
 * @param columnType COLUMN_TYPE as the server prints it ({@code enum('a','b')},
 *     {@code int(10) unsigned})
 * @param charset character set, or null for non-character columns
 * @param collation collation, or null for non-character columns
 * @param generated whether the server computes it (a VIRTUAL, STORED or PERSISTENT generated
 *     column)
 * @param defaultExpression whether MySQL marks it {@code DEFAULT_GENERATED} (its default is an
 *     expression such as {@code CURRENT_TIMESTAMP}; the values are stored like any other)
 * @param comment its COLUMN_COMMENT, empty when it has none
 */
public record CatalogColumn(String name, int ordinal, String dataType, String columnType,
    String charset, String collation, boolean nullable, boolean generated,
    boolean defaultExpression, String comment) {

  /** Whether it is an ENUM or a SET column. */
  public boolean enumOrSet() {
    return "enum".equals(dataType) || "set".equals(dataType);
  }

  /** Whether its type is unsigned. */
  public boolean unsigned() {
    return columnType.toLowerCase(Locale.ROOT).contains("unsigned");
  }

  /** The members of an ENUM or SET column, in definition order; empty for other columns. */
  public List<String> members() {
    return enumOrSet() ? EnumMembers.of(columnType) : List.of();
  }
}
