package dev.ferry.worker.schema;

import static dev.ferry.worker.sql.TokenScan.isWord;
import static dev.ferry.worker.sql.TokenScan.next;

import dev.ferry.worker.catalog.CollationMapping;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.SqlLexer;
import dev.ferry.worker.sql.SqlToken;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.sql.TokenScan;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the source's {@code SHOW CREATE TRIGGER} statement into the CREATE TRIGGER for the
 * target: no DEFINER, the trigger's qualified target name, the table's target name after ON,
 * FOLLOWS/PRECEDES removed (triggers are created in the source's action order instead),
 * {@code NEW.column}/{@code OLD.column} and references to migrated tables renamed (see
 * {@link References}), collations mapped.
 */
final class TriggerDdl {

  private TriggerDdl() {}

  /**
   * The CREATE TRIGGER for the target.
   *
   * @param sqlMode the trigger's sql_mode (decides how its text is read)
   * @param target the trigger's target schema and name
   * @param table the trigger's table
   */
  static String rewrite(String statement, String sqlMode, TableRef target, TableMapping table,
      NameMap names, CollationMapping collations) {
    List<SqlToken> tokens = new ArrayList<>(SqlLexer.tokenize(statement, sqlMode));
    Definers.strip(tokens, TokenScan.findWord(tokens, 0, "TRIGGER"));
    int name = next(tokens, TokenScan.findWord(tokens, 0, "TRIGGER"));
    TokenScan.replace(tokens, name, TokenScan.nameEnd(tokens, name), References.qualified(target));
    int on = TokenScan.findWord(tokens, name, "ON");
    int tableName = next(tokens, on);
    TokenScan.replace(tokens, tableName, TokenScan.nameEnd(tokens, tableName),
        References.qualified(table.target()));
    int row = next(tokens, TokenScan.findWord(tokens, tableName, "EACH"));
    int order = next(tokens, row);
    if (isWord(tokens, order, "FOLLOWS") || isWord(tokens, order, "PRECEDES")) {
      int end = TokenScan.nameEnd(tokens, next(tokens, order));
      tokens.subList(order, next(tokens, end)).clear();
    }
    References.rewrite(tokens,
        References.scan(tokens, row + 1, table.source().schema(), names, table),
        target.schema());
    collations.apply(tokens);
    return SqlLexer.render(tokens);
  }
}
