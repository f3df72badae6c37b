package dev.ferry.worker.sql;

import dev.ferry.worker.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts MySQL/MariaDB SQL text into {@link SqlToken}s, understanding quoted identifiers, string
 * literals, comments and executable comments ({@code /*!...}, {@code /*M!...}), whose content is
 * cut into tokens like any other text. DDL reading and rewriting work on these tokens, so a name
 * inside a string or comment is never touched. The only SQL lexer of the worker.
 */
public final class SqlLexer {

  private final String text;
  private final boolean ansiQuotes;
  private final boolean backslashEscapes;
  private final List<SqlToken> tokens = new ArrayList<>();
  private int pos;
  private boolean inConditional;

  private SqlLexer(String text, boolean ansiQuotes, boolean backslashEscapes) {
    this.text = text;
    this.ansiQuotes = ansiQuotes;
    this.backslashEscapes = backslashEscapes;
  }

  /** Tokens of text written under the default sql_mode (backquotes, backslash escapes). */
  public static List<SqlToken> tokenize(String text) {
    return tokenize(text, "");
  }

  /**
   * Tokens of text written under {@code sqlMode}: ANSI_QUOTES makes {@code "x"} an identifier,
   * NO_BACKSLASH_ESCAPES makes the backslash an ordinary character in strings.
   */
  public static List<SqlToken> tokenize(String text, String sqlMode) {
    String mode = "," + (sqlMode == null ? "" : sqlMode.toUpperCase()) + ",";
    SqlLexer tokenizer = new SqlLexer(text,
        mode.contains(",ANSI_QUOTES,") || mode.contains(",ANSI,"),
        !mode.contains(",NO_BACKSLASH_ESCAPES,"));
    tokenizer.run();
    return tokenizer.tokens;
  }

  /** The text of {@code tokens}, joined. */
  public static String render(List<SqlToken> tokens) {
    StringBuilder out = new StringBuilder();
    tokens.forEach(token -> out.append(token.text()));
    return out.toString();
  }

  private void run() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      int start = pos;
      Kind kind;
      if (Character.isWhitespace(c)) {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
          pos++;
        }
        kind = Kind.WHITESPACE;
      } else if (c == '`' || (c == '"' && ansiQuotes)) {
        quoted(c, false);
        kind = Kind.QUOTED_ID;
      } else if (c == '\'' || c == '"') {
        quoted(c, backslashEscapes);
        kind = Kind.STRING;
      } else if (c == '#' || startsWith("-- ") || startsWith("--\t") || startsWith("--\n")
          || (startsWith("--") && pos + 2 == text.length())) {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
        kind = Kind.COMMENT;
      } else if (startsWith("/*!") || startsWith("/*M!")) {
        pos += text.charAt(pos + 2) == 'M' ? 4 : 3;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
        inConditional = true;
        kind = Kind.CONDITIONAL_START;
      } else if (startsWith("/*")) {
        int end = text.indexOf("*/", pos + 2);
        pos = end < 0 ? text.length() : end + 2;
        kind = Kind.COMMENT;
      } else if (inConditional && startsWith("*/")) {
        pos += 2;
        inConditional = false;
        kind = Kind.CONDITIONAL_END;
      } else if (c == '@') {
        variable();
        kind = Kind.VARIABLE;
      } else if (isWordChar(c)) {
        while (pos < text.length() && isWordChar(text.charAt(pos))) {
          pos++;
        }
        kind = text.substring(start, pos).chars().allMatch(Character::isDigit)
            ? Kind.NUMBER : Kind.WORD;
      } else {
        pos++;
        kind = Kind.SYMBOL;
      }
      tokens.add(new SqlToken(kind, text.substring(start, pos)));
    }
  }

  private boolean startsWith(String prefix) {
    return text.startsWith(prefix, pos);
  }

  private void quoted(char quote, boolean escapes) {
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (escapes && c == '\\' && pos + 1 < text.length()) {
        pos += 2;
      } else if (c == quote) {
        if (pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
          pos += 2;
        } else {
          pos++;
          return;
        }
      } else {
        pos++;
      }
    }
  }

  private void variable() {
    pos++;
    if (pos < text.length() && text.charAt(pos) == '@') {
      pos++;
    }
    if (pos < text.length() && "`'\"".indexOf(text.charAt(pos)) >= 0) {
      quoted(text.charAt(pos), false);
      return;
    }
    while (pos < text.length() && (isWordChar(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
  }
}
