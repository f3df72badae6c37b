package dev.ferry.worker.sql;

import java.util.List;

/**
 * Navigation over a token list that skips whitespace, comments and the markers of executable
 * comments (whose content counts as ordinary text).
 */
public final class TokenScan {

  private TokenScan() {}

  /** Index of the first meaningful token after {@code index}, or {@code tokens.size()}. */
  public static int next(List<SqlToken> tokens, int index) {
    int i = index + 1;
    while (i < tokens.size() && tokens.get(i).isSkipped()) {
      i++;
    }
    return i;
  }

  /** Index of the last meaningful token before {@code index}, or -1. */
  public static int previous(List<SqlToken> tokens, int index) {
    int i = index - 1;
    while (i >= 0 && tokens.get(i).isSkipped()) {
      i--;
    }
    return i;
  }

  /** Whether the meaningful token at {@code index} exists and is the word {@code keyword}. */
  public static boolean isWord(List<SqlToken> tokens, int index, String keyword) {
    return index >= 0 && index < tokens.size() && tokens.get(index).isWord(keyword);
  }

  /** Whether the token at {@code index} exists and is the symbol {@code symbol}. */
  public static boolean isSymbol(List<SqlToken> tokens, int index, String symbol) {
    return index >= 0 && index < tokens.size() && tokens.get(index).isSymbol(symbol);
  }

  /** Whether the token at {@code index} exists and may name an object. */
  public static boolean isName(List<SqlToken> tokens, int index) {
    return index >= 0 && index < tokens.size() && tokens.get(index).isName();
  }

  /**
   * Index of the first word {@code keyword} at parenthesis depth 0 from {@code from} on, or -1.
   */
  public static int findWord(List<SqlToken> tokens, int from, String keyword) {
    int depth = 0;
    for (int i = from; i < tokens.size(); i++) {
      SqlToken token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && token.isWord(keyword)) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the first symbol {@code symbol} from {@code from} on, or -1. */
  public static int findSymbol(List<SqlToken> tokens, int from, String symbol) {
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).isSymbol(symbol)) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the {@code )} that closes the {@code (} at {@code open}, or the last index. */
  public static int closing(List<SqlToken> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).isSymbol("(")) {
        depth++;
      } else if (tokens.get(i).isSymbol(")") && --depth == 0) {
        return i;
      }
    }
    return tokens.size() - 1;
  }

  /**
   * Index of the last token of the object name that starts at {@code index}: {@code name} or
   * {@code schema.name}.
   */
  public static int nameEnd(List<SqlToken> tokens, int index) {
    int dot = next(tokens, index);
    if (isSymbol(tokens, dot, ".") && isName(tokens, next(tokens, dot))) {
      return next(tokens, dot);
    }
    return index;
  }

  /** Replaces the tokens from {@code first} to {@code last} (inclusive) by one token. */
  public static void replace(List<SqlToken> tokens, int first, int last, SqlToken replacement) {
    tokens.subList(first, last + 1).clear();
    tokens.add(first, replacement);
  }
}
