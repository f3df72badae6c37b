package dev.ferry.worker.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Walks the meaningful tokens of a statement (blanks skipped) for small DDL parsers. */
final class TokenCursor {

  private final List<SqlToken> tokens;
  private int index;

  TokenCursor(List<SqlToken> tokens) {
    this.tokens = tokens;
  }

  /** Moves past the first word {@code keyword}. */
  void skipPast(String keyword) {
    while (index < tokens.size() && !tokens.get(index).isWord(keyword)) {
      index++;
    }
    index++;
    skipBlanks();
  }

  /** Skips the given words where they come next, in any order; whether any was skipped. */
  boolean skipWords(String... words) {
    boolean skipped = false;
    boolean again = true;
    while (again) {
      again = false;
      for (String word : words) {
        if (index < tokens.size() && tokens.get(index).isWord(word)) {
          index++;
          skipBlanks();
          skipped = again = true;
        }
      }
    }
    return skipped;
  }

  /** Skips {@code symbol} where it comes next; whether it did. */
  boolean skipSymbol(String symbol) {
    if (index < tokens.size() && tokens.get(index).isSymbol(symbol)) {
      index++;
      skipBlanks();
      return true;
    }
    return false;
  }

  /** {@code CREATE TABLE t (LIKE u)}: moves past "(LIKE" when it comes next. */
  boolean openParenThenLike() {
    int saved = index;
    if (skipSymbol("(") && skipWords("LIKE")) {
      return true;
    }
    index = saved;
    return false;
  }

  /** Moves to the word RENAME at parenthesis depth 0 (ALTER TABLE ... RENAME TO x). */
  boolean findTopLevelRename() {
    int depth = 0;
    for (int i = index; i < tokens.size(); i++) {
      SqlToken token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && token.isWord("RENAME") && !nextWordIs(i, "COLUMN", "INDEX",
          "KEY")) {
        index = i + 1;
        skipBlanks();
        return true;
      }
    }
    return false;
  }

  /** The span [first, last] of a possibly qualified name at the cursor, moving past it. */
  Optional<int[]> name() {
    if (index >= tokens.size() || !tokens.get(index).isName()) {
      return Optional.empty();
    }
    int first = index;
    int last = index;
    index++;
    if (index + 1 < tokens.size() && tokens.get(index).isSymbol(".")
        && tokens.get(index + 1).isName()) {
      last = index + 1;
      index += 2;
    }
    skipBlanks();
    return Optional.of(new int[] {first, last});
  }

  /** A comma-separated list of names. */
  List<int[]> nameList() {
    List<int[]> names = new ArrayList<>();
    do {
      name().ifPresent(names::add);
    } while (skipSymbol(","));
    return names;
  }

  private boolean nextWordIs(int at, String... words) {
    for (int i = at + 1; i < tokens.size(); i++) {
      if (tokens.get(i).isBlank()) {
        continue;
      }
      for (String word : words) {
        if (tokens.get(i).isWord(word)) {
          return true;
        }
      }
      return false;
    }
    return false;
  }

  private void skipBlanks() {
    while (index < tokens.size() && tokens.get(index).isBlank()) {
      index++;
    }
  }
}
