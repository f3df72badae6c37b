package dev.ferry.worker.cdc.read;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a statement into the tokens a DDL classifier needs: words and identifiers (backquoted
 * ones unquoted, flagged as quoted), string literals, and single punctuation characters.
 * Comments are dropped, except MySQL's executable comments ({@code /*!50001 ... *}{@code /},
 * MariaDB's {@code /*M!100101 ... *}{@code /}) whose content is read as statement text.
 */
final class DdlTokens {

  /**
   * One token.
   *
   * @param text the word, identifier (unquoted), literal content or punctuation character
   * @param quoted whether it was a backquoted identifier
   * @param literal whether it was a string literal
   */
  record Token(String text, boolean quoted, boolean literal) {

    /** Whether this is the unquoted keyword {@code word} (any case). */
    boolean is(String word) {
      return !quoted && !literal && text.equalsIgnoreCase(word);
    }
  }

  private DdlTokens() {}

  static List<Token> of(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("/*", i)) {
        i = comment(sql, i);
      } else if (sql.startsWith("*/", i)) {
        i += 2;
      } else if (c == '#' || sql.startsWith("-- ", i) || sql.startsWith("--\t", i)
          || sql.startsWith("--\n", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '`') {
        StringBuilder name = new StringBuilder();
        i = quoted(sql, i, '`', name);
        tokens.add(new Token(name.toString(), true, false));
      } else if (c == '\'' || c == '"') {
        StringBuilder text = new StringBuilder();
        i = quoted(sql, i, c, text);
        tokens.add(new Token(text.toString(), false, true));
      } else if (isWordChar(c)) {
        int start = i;
        while (i < n && isWordChar(sql.charAt(i))) {
          i++;
        }
        tokens.add(new Token(sql.substring(start, i), false, false));
      } else {
        tokens.add(new Token(String.valueOf(c), false, false));
        i++;
      }
    }
    return tokens;
  }

  /** Skips a comment; an executable comment's opening is skipped and its content kept. */
  private static int comment(String sql, int start) {
    int i = start + 2;
    if (sql.startsWith("M!", i)) {
      i++;
    }
    if (i < sql.length() && sql.charAt(i) == '!') {
      i++;
      while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
        i++;
      }
      return i;
    }
    int end = sql.indexOf("*/", start + 2);
    return end < 0 ? sql.length() : end + 2;
  }

  private static int quoted(String sql, int start, char quote, StringBuilder out) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\' && quote != '`' && i + 1 < sql.length()) {
        out.append(sql.charAt(i + 1));
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          out.append(quote);
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return i;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7F;
  }
}
