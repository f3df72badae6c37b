package dev.ferry.worker.sql;

import java.util.Locale;

/**
 * One lexical token of MySQL/MariaDB SQL text, as {@link SqlLexer} cuts it. Joining the
 * texts of all tokens gives back the original text.
 */
public record SqlToken(Kind kind, String text) {

  /** What a token is. */
  public enum Kind {
    /** An unquoted word: keyword or identifier ({@code SELECT}, {@code orders}). */
    WORD,
    /** A quoted identifier: {@code `name`}, or {@code "name"} under ANSI_QUOTES. */
    QUOTED_ID,
    /** A string literal. */
    STRING,
    NUMBER,
    /** A user or system variable: {@code @x}, {@code @@session.sql_mode}. */
    VARIABLE,
    WHITESPACE,
    /** A plain comment, never executed. */
    COMMENT,
    /** Start of an executable comment: {@code /*!50100 } or MariaDB's {@code /*M!100100 }. */
    CONDITIONAL_START,
    /** The {@code * /} that ends an executable comment. */
    CONDITIONAL_END,
    /** Any other character: punctuation and operators. */
    SYMBOL
  }

  /** A quoted identifier token for {@code name}. */
  public static SqlToken identifier(String name) {
    return new SqlToken(Kind.QUOTED_ID, Sql.quote(name));
  }

  /** A token for the qualified name {@code `schema`.`name`}. */
  public static SqlToken qualified(String schema, String name) {
    return new SqlToken(Kind.QUOTED_ID, Sql.qualified(schema, name));
  }

  /** A word token. */
  public static SqlToken word(String text) {
    return new SqlToken(Kind.WORD, text);
  }

  /** Whitespace or a plain comment: tokens that separate others and mean nothing. */
  public boolean isBlank() {
    return kind == Kind.WHITESPACE || kind == Kind.COMMENT;
  }

  /** An unquoted word equal (ignoring case) to {@code keyword}. */
  public boolean isWord(String keyword) {
    return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
  }

  public boolean isSymbol(String symbol) {
    return kind == Kind.SYMBOL && text.equals(symbol);
  }

  /** A quoted identifier or an unquoted word, which may name an object. */
  public boolean isName() {
    return kind == Kind.QUOTED_ID || kind == Kind.WORD;
  }

  /** The name this token stands for: the identifier without its quotes, or the word. */
  public String name() {
    if (kind != Kind.QUOTED_ID) {
      return text;
    }
    String quote = text.substring(0, 1);
    return text.substring(1, text.length() - 1).replace(quote + quote, quote);
  }

  /** Whitespace, a comment or the marker of an executable comment (whose content counts). */
  public boolean isSkipped() {
    return isBlank() || kind == Kind.CONDITIONAL_START || kind == Kind.CONDITIONAL_END;
  }

  /** The word in upper case, for keyword comparisons. */
  public String upper() {
    return text.toUpperCase(Locale.ROOT);
  }
}
