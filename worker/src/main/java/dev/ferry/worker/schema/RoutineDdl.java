package dev.ferry.worker.schema;

import static dev.ferry.worker.sql.TokenScan.isSymbol;
import static dev.ferry.worker.sql.TokenScan.isWord;
import static dev.ferry.worker.sql.TokenScan.next;

import dev.ferry.worker.catalog.CollationMapping;
import dev.ferry.worker.sql.SqlLexer;
import dev.ferry.worker.sql.SqlToken;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.sql.TokenScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the source's {@code SHOW CREATE PROCEDURE/FUNCTION} text into the CREATE statement for
 * the target: no DEFINER, {@code SQL SECURITY INVOKER} (added when the routine had no SQL
 * SECURITY clause, whose default is DEFINER), the routine's qualified target name, references to
 * migrated tables, views and routines renamed (see {@link References}), collations mapped.
 */
final class RoutineDdl {

  private static final Set<String> TYPE_WORDS = Set.of("UNSIGNED", "SIGNED", "ZEROFILL",
      "BINARY", "ASCII", "UNICODE", "BYTE", "PRECISION", "VARYING", "VARCHAR", "CHAR",
      "VARBINARY");

  private RoutineDdl() {}

  /**
   * The CREATE PROCEDURE or CREATE FUNCTION for the target.
   *
   * @param sqlMode the routine's sql_mode (decides how its text is read)
   * @param source the routine's source schema and name
   * @param target the routine's target schema and name
   */
  static String rewrite(String showCreate, String sqlMode, ObjectType type, TableRef source,
      TableRef target, NameMap names, CollationMapping collations) {
    List<SqlToken> tokens = new ArrayList<>(SqlLexer.tokenize(showCreate, sqlMode));
    Definers.strip(tokens, TokenScan.findWord(tokens, 0, type.name()));
    int name = next(tokens, TokenScan.findWord(tokens, 0, type.name()));
    TokenScan.replace(tokens, name, TokenScan.nameEnd(tokens, name), References.qualified(target));
    int parameters = TokenScan.findSymbol(tokens, name, "(");
    int afterSignature = TokenScan.closing(tokens, parameters);
    if (type == ObjectType.FUNCTION) {
      int returns = TokenScan.findWord(tokens, afterSignature + 1, "RETURNS");
      afterSignature = returnTypeEnd(tokens, returns);
    }
    Definers.invoker(tokens, afterSignature + 1, bodyStart(tokens, afterSignature));
    References.rewrite(tokens,
        References.scan(tokens, parameters, source.schema(), names, null), target.schema());
    collations.apply(tokens);
    return SqlLexer.render(tokens);
  }

  /** Last token of the type after RETURNS, such as {@code varchar(20) CHARSET utf8mb4}. */
  private static int returnTypeEnd(List<SqlToken> tokens, int returns) {
    int end = next(tokens, returns);
    while (true) {
      int following = next(tokens, end);
      if (isSymbol(tokens, following, "(")) {
        end = TokenScan.closing(tokens, following);
      } else if (isWord(tokens, following, "CHARSET") || isWord(tokens, following, "COLLATE")) {
        end = next(tokens, following);
      } else if (isWord(tokens, following, "CHARACTER")
          && isWord(tokens, next(tokens, following), "SET")) {
        end = next(tokens, next(tokens, following));
      } else if (following < tokens.size()
          && tokens.get(following).kind() == SqlToken.Kind.WORD
          && TYPE_WORDS.contains(tokens.get(following).upper())) {
        end = following;
      } else {
        return end;
      }
    }
  }

  /** Index of the first token of the body: the first token after the characteristics. */
  private static int bodyStart(List<SqlToken> tokens, int afterSignature) {
    int i = next(tokens, afterSignature);
    while (i < tokens.size()) {
      SqlToken token = tokens.get(i);
      if (token.isWord("COMMENT") || token.isWord("LANGUAGE") || token.isWord("CONTAINS")
          || (token.isWord("NOT") && isWord(tokens, next(tokens, i), "DETERMINISTIC"))
          || (token.isWord("NO") && isWord(tokens, next(tokens, i), "SQL"))) {
        i = next(tokens, next(tokens, i));
      } else if (token.isWord("DETERMINISTIC")) {
        i = next(tokens, i);
      } else if (token.isWord("READS") || token.isWord("MODIFIES")
          || (token.isWord("SQL") && isWord(tokens, next(tokens, i), "SECURITY"))) {
        i = next(tokens, next(tokens, next(tokens, i)));
      } else {
        return i;
      }
    }
    return i;
  }
}
