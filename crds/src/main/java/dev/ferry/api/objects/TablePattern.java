package dev.ferry.api.objects;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code schema.table} pattern of the object filter, in one of two forms (like TiDB DM's
 * block-allow list):
 *
 * <ul>
 *   <li>globs: {@code shop.orders}, {@code shop_*.order?}, or a bare schema name {@code shop}
 *       for every table of the schema; {@code *} matches any run of characters, {@code ?} one;
 *   <li>a regular expression after {@code ~}, searched in {@code schema.table}:
 *       {@code ~^shop_\d+\.orders$}. Names that contain a dot can only be matched this way.
 * </ul>
 *
 * Matching is case-sensitive, like MySQL table names on Linux.
 */
public final class TablePattern {

  private final String text;
  private final Pattern regex;
  private TablePattern(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
  }

  /**
   * Parses a pattern.
   *
   * @throws IllegalArgumentException with a message that says what is wrong and how to write it
   */
  public static TablePattern parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("is empty; write schema.table, a schema name, or ~regex");
    }
    if (text.startsWith("~")) {
      try {
        return new TablePattern(text, Pattern.compile(text.substring(1)));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("is not a valid regular expression: "
            + e.getDescription() + " near index " + e.getIndex(), e);
      }
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException("has more than one dot; write schema.table, and use the"
          + " ~regex form for names that contain a dot");
    }
    String schema = parts[0];
    String table = parts.length == 2 ? parts[1] : "*";
    if (schema.isEmpty() || table.isEmpty()) {
      throw new IllegalArgumentException("has an empty schema or table part; write schema.table"
          + " (for example shop.orders or shop.*)");
    }
    return new TablePattern(text, Pattern.compile(glob(schema) + "\\." + glob(table)));
  }

  /** Whether this pattern matches the table {@code schema.table}. */
  public boolean matches(String schema, String table) {
    String qualified = schema + "." + table;
    return isRegex() ? regex.matcher(qualified).find() : regex.matcher(qualified).matches();
  }

  private boolean isRegex() {
    return text.startsWith("~");
  }

  @Override
  public String toString() {
    return text;
  }

  private static String glob(String part) {
    StringBuilder out = new StringBuilder();
    StringBuilder literalRun = new StringBuilder();
    for (char c : part.toCharArray()) {
      if (c == '*' || c == '?') {
        out.append(Pattern.quote(literalRun.toString()));
        literalRun.setLength(0);
        out.append(c == '*' ? ".*" : ".");
      } else {
        literalRun.append(c);
      }
    }
    out.append(Pattern.quote(literalRun.toString()));
    return out.toString();
  }
}
