package dev.ferry.worker.schema;

import static dev.ferry.worker.sql.TokenScan.isSymbol;
import static dev.ferry.worker.sql.TokenScan.isWord;
import static dev.ferry.worker.sql.TokenScan.next;

import dev.ferry.worker.sql.SqlToken.Kind;
import dev.ferry.worker.sql.SqlToken;
import dev.ferry.worker.sql.TokenScan;
import java.util.ArrayList;
import java.util.List;

/**
 * Header clauses about who owns a view, trigger or routine. Ferry removes {@code DEFINER=...}
 * so the objects belong to the target user that creates them (users are not migrated), and turns
 * {@code SQL SECURITY DEFINER} into {@code SQL SECURITY INVOKER}, as managed migration services
 * do.
 */
final class Definers {

  private static final SqlToken SPACE = new SqlToken(Kind.WHITESPACE, " ");

  private Definers() {}

  /** Removes the first {@code DEFINER = account} clause before index {@code before}, if any. */
  static void strip(List<SqlToken> tokens, int before) {
    int definer = TokenScan.findWord(tokens, 0, "DEFINER");
    while (definer >= 0 && definer < before && !isSymbol(tokens, next(tokens, definer), "=")) {
      definer = TokenScan.findWord(tokens, definer + 1, "DEFINER");
    }
    if (definer < 0 || definer >= before) {
      return;
    }
    int account = next(tokens, next(tokens, definer));
    int end = account;
    if (isWord(tokens, account, "CURRENT_USER")) {
      int open = next(tokens, account);
      if (isSymbol(tokens, open, "(") && isSymbol(tokens, next(tokens, open), ")")) {
        end = next(tokens, open);
      }
    } else {
      int host = next(tokens, account);
      if (host < tokens.size() && tokens.get(host).kind() == Kind.VARIABLE) {
        end = host;
      }
    }
    while (end + 1 < tokens.size() && tokens.get(end + 1).kind() == Kind.WHITESPACE) {
      end++;
    }
    tokens.subList(definer, end + 1).clear();
  }

  /**
   * Makes the object run with the invoker's rights: replaces {@code SQL SECURITY DEFINER} found
   * among the tokens from {@code from} to {@code before} by INVOKER, or, when there is no SQL
   * SECURITY clause there, inserts {@code SQL SECURITY INVOKER} at {@code before}.
   */
  static void invoker(List<SqlToken> tokens, int from, int before) {
    for (int i = next(tokens, from - 1); i < before; i = next(tokens, i)) {
      if (tokens.get(i).isWord("SQL") && isWord(tokens, next(tokens, i), "SECURITY")) {
        int value = next(tokens, next(tokens, i));
        tokens.set(value, SqlToken.word("INVOKER"));
        return;
      }
    }
    List<SqlToken> clause = new ArrayList<>(List.of(SqlToken.word("SQL"), SPACE,
        SqlToken.word("SECURITY"), SPACE, SqlToken.word("INVOKER"), SPACE));
    if (before > 0 && !tokens.get(before - 1).isBlank()) {
      clause.add(0, SPACE);
    }
    tokens.addAll(before, clause);
  }
}
