package dev.ferry.worker.schema;

import static dev.ferry.worker.sql.TokenScan.next;

import dev.ferry.worker.catalog.CollationMapping;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.SqlLexer;
import dev.ferry.worker.sql.SqlToken;
import dev.ferry.worker.sql.TokenScan;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the source's {@code SHOW CREATE VIEW} text into the CREATE VIEW for the target: no
 * DEFINER, {@code SQL SECURITY INVOKER}, the view's target name, references to migrated tables
 * and views renamed (see {@link References} for what is recognised), collations mapped.
 */
final class ViewDdl {

  private ViewDdl() {}

  /** The CREATE VIEW for the target. */
  static String rewrite(String showCreate, TableMapping view, NameMap names,
      CollationMapping collations) {
    List<SqlToken> tokens = new ArrayList<>(SqlLexer.tokenize(showCreate));
    Definers.strip(tokens, TokenScan.findWord(tokens, 0, "VIEW"));
    Definers.invoker(tokens, 0, TokenScan.findWord(tokens, 0, "VIEW"));
    int name = next(tokens, TokenScan.findWord(tokens, 0, "VIEW"));
    TokenScan.replace(tokens, name, TokenScan.nameEnd(tokens, name),
        References.qualified(view.target()));
    References.rewrite(tokens,
        References.scan(tokens, name + 1, view.source().schema(), names, null),
        view.target().schema());
    collations.apply(tokens);
    return SqlLexer.render(tokens);
  }

  /** The source tables and views (as references) that the view's text uses. */
  static List<References.Reference> uses(String showCreate, TableMapping view, NameMap names) {
    List<SqlToken> tokens = SqlLexer.tokenize(showCreate);
    int name = next(tokens, TokenScan.findWord(tokens, 0, "VIEW"));
    return References.scan(tokens, TokenScan.nameEnd(tokens, name) + 1, view.source().schema(),
        names, null);
  }
}
