package dev.ferry.worker.schema;

import static dev.ferry.worker.sql.TokenScan.closing;
import static dev.ferry.worker.sql.TokenScan.isSymbol;
import static dev.ferry.worker.sql.TokenScan.isWord;
import static dev.ferry.worker.sql.TokenScan.next;

import dev.ferry.worker.catalog.CollationMapping;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.sql.SqlLexer;
import dev.ferry.worker.sql.SqlToken.Kind;
import dev.ferry.worker.sql.SqlToken;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.sql.TokenScan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns the source's {@code SHOW CREATE TABLE} text into the CREATE TABLE for the target: the
 * table gets its target name (qualified), columns their target names wherever they appear
 * (column definitions, generated-column and default expressions, indexes, CHECK constraints,
 * foreign keys, the partitioning expression), foreign keys point to the referenced tables'
 * target names, and collations the target lacks are mapped. Everything else (types, defaults,
 * AUTO_INCREMENT, charsets, table options, partitions) is kept as the source server printed it.
 *
 * <p>Executable comments are kept as they are, with renames applied inside them: MariaDB-only
 * parts ({@code /*M!...}) are plain comments to MySQL, and each server decides about versioned
 * ones ({@code /*!50100 PARTITION BY ...}) as it does when it reads a dump.
 *
 * <p>A foreign key to a table outside the migrated set is kept when that table exists on the
 * target (unchanged name) and dropped with a warning otherwise.
 *
 * <p>For a MariaDB target: an index with an expression key part (MySQL 8.0.13+
 * {@code KEY k ((LOWER(name)))}) is dropped with a warning (MariaDB has no functional indexes),
 * and MySQL's {@code /*!80023 INVISIBLE * /} becomes a plain {@code INVISIBLE} (MariaDB ignores
 * executable comments of MySQL 5.7 and 8.0 versions, so the column would turn visible).
 *
 * <p>Limit: column names are recognised as quoted identifiers, which is how SHOW CREATE TABLE
 * prints them; a renamed column inside an expression that quotes it differently is not renamed.
 */
final class TableDdl {

  private static final Set<String> NON_COLUMN_ITEMS = Set.of("PRIMARY", "KEY", "INDEX", "UNIQUE",
      "FULLTEXT", "SPATIAL", "CONSTRAINT", "FOREIGN", "CHECK", "PERIOD");

  /**
   * The rewritten statement.
   *
   * @param warnings what was changed beyond renames (dropped foreign keys)
   */
  record Result(String ddl, List<String> warnings) {}

  private final TableMapping table;
  private final NameMap names;
  private final Predicate<TableRef> existsOnTarget;
  private final boolean mariaDbTarget;
  private final List<String> warnings = new ArrayList<>();
  private final Set<String> columns = new HashSet<>();

  private TableDdl(TableMapping table, NameMap names, Predicate<TableRef> existsOnTarget,
      Flavor target) {
    this.table = table;
    this.names = names;
    this.existsOnTarget = existsOnTarget;
    this.mariaDbTarget = target == Flavor.MARIADB;
  }

  /**
   * The CREATE TABLE for the target.
   *
   * @param showCreate the source's SHOW CREATE TABLE text (default sql_mode, quoted names)
   * @param names where the source's migrated tables land (for foreign keys)
   * @param existsOnTarget whether a table outside the migrated set exists on the target
   * @param target the target's flavour
   */
  static Result rewrite(String showCreate, TableMapping table, NameMap names,
      Predicate<TableRef> existsOnTarget, CollationMapping collations, Flavor target) {
    TableDdl rewriter = new TableDdl(table, names, existsOnTarget, target);
    List<SqlToken> tokens = new ArrayList<>(SqlLexer.tokenize(showCreate));
    rewriter.rewrite(tokens);
    collations.apply(tokens);
    return new Result(SqlLexer.render(tokens), List.copyOf(rewriter.warnings));
  }

  private void rewrite(List<SqlToken> tokens) {
    int name = next(tokens, TokenScan.findWord(tokens, 0, "TABLE"));
    TokenScan.replace(tokens, name, TokenScan.nameEnd(tokens, name),
        References.qualified(table.target()));
    int open = TokenScan.findSymbol(tokens, name, "(");
    int close = closing(tokens, open);
    List<int[]> items = items(tokens, open, close);
    for (int[] item : items) {
      SqlToken first = tokens.get(item[0]);
      if (!(first.kind() == Kind.WORD && NON_COLUMN_ITEMS.contains(first.upper()))) {
        columns.add(first.name().toLowerCase(Locale.ROOT));
      }
    }
    renamePartitionColumns(tokens, close);
    for (int k = items.size() - 1; k >= 0; k--) {
      rewriteItem(tokens, items.get(k)[0], items.get(k)[1]);
    }
    if (mariaDbTarget) {
      unwrapInvisible(tokens);
    }
  }

  /** {@code /*!80023 INVISIBLE * /} (MySQL's SHOW CREATE TABLE) becomes {@code INVISIBLE}. */
  private static void unwrapInvisible(List<SqlToken> tokens) {
    for (int i = tokens.size() - 1; i >= 0; i--) {
      if (tokens.get(i).kind() == Kind.CONDITIONAL_START
          && tokens.get(i).text().startsWith("/*!")) {
        int word = afterWhitespace(tokens, i);
        int end = afterWhitespace(tokens, word);
        if (isWord(tokens, word, "INVISIBLE") && end < tokens.size()
            && tokens.get(end).kind() == Kind.CONDITIONAL_END) {
          tokens.remove(end);
          tokens.remove(i);
        }
      }
    }
  }

  /** First and last token index of each comma-separated item between the parentheses. */
  private static List<int[]> items(List<SqlToken> tokens, int open, int close) {
    List<int[]> items = new ArrayList<>();
    int depth = 0;
    int start = next(tokens, open);
    for (int i = start; i < close; i++) {
      SqlToken token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && token.isSymbol(",")) {
        items.add(new int[] {start, TokenScan.previous(tokens, i)});
        start = next(tokens, i);
      }
    }
    items.add(new int[] {start, TokenScan.previous(tokens, close)});
    return items;
  }

  private void rewriteItem(List<SqlToken> tokens, int first, int last) {
    int foreign = first;
    if (tokens.get(first).isWord("CONSTRAINT")) {
      foreign = next(tokens, first);
      if (!tokens.get(foreign).isWord("FOREIGN") && !tokens.get(foreign).isWord("CHECK")
          && !tokens.get(foreign).isWord("UNIQUE") && !tokens.get(foreign).isWord("PRIMARY")) {
        foreign = next(tokens, foreign);
      }
    }
    if (tokens.get(foreign).isWord("FOREIGN")) {
      rewriteForeignKey(tokens, first, foreign, last);
      return;
    }
    if (mariaDbTarget && hasExpressionKeyPart(tokens, foreign, last)) {
      warnings.add("index " + indexName(tokens, first) + " of table " + table.target()
          + " was not created: it indexes an expression and MariaDB has no functional indexes;"
          + " index a generated column with that expression instead");
      removeItem(tokens, first, last);
      return;
    }
    renameColumnsInParentheses(tokens, first, last, table);
    SqlToken head = tokens.get(first);
    if (!(head.kind() == Kind.WORD && NON_COLUMN_ITEMS.contains(head.upper()))) {
      renameColumn(tokens, first, table);
    }
  }

  private void rewriteForeignKey(List<SqlToken> tokens, int first, int foreign, int last) {
    int references = TokenScan.findWord(tokens, foreign, "REFERENCES");
    int refName = next(tokens, references);
    int refEnd = TokenScan.nameEnd(tokens, refName);
    TableRef referenced = refEnd == refName
        ? new TableRef(table.source().schema(), tokens.get(refName).name())
        : new TableRef(tokens.get(refName).name(), tokens.get(refEnd).name());
    TableMapping target = names.relation(referenced.schema(), referenced.table());
    if (target == null && !existsOnTarget.test(referenced)) {
      warnings.add("foreign key " + constraintName(tokens, first, foreign) + " of table "
          + table.target() + " was not created: it references " + referenced + ", which is not"
          + " migrated and does not exist on the target; include that table or create the key"
          + " yourself");
      removeItem(tokens, first, last);
      return;
    }
    renameColumnsInParentheses(tokens, refEnd + 1, last, target);
    TokenScan.replace(tokens, refName, refEnd,
        References.qualified(target == null ? referenced : target.target()));
    renameColumnsInParentheses(tokens, foreign, references, table);
  }

  /** The index of the first token after {@code index} that is not whitespace. */
  private static int afterWhitespace(List<SqlToken> tokens, int index) {
    int i = index + 1;
    while (i < tokens.size() && tokens.get(i).kind() == Kind.WHITESPACE) {
      i++;
    }
    return i;
  }

  /**
   * Whether an index item (from its keyword, after any CONSTRAINT name) has a key part that starts
   * with "(", which makes it an expression.
   */
  private static boolean hasExpressionKeyPart(List<SqlToken> tokens, int keyword, int last) {
    SqlToken head = tokens.get(keyword);
    if (!(head.isWord("PRIMARY") || head.isWord("UNIQUE") || head.isWord("KEY")
        || head.isWord("INDEX") || head.isWord("FULLTEXT") || head.isWord("SPATIAL"))) {
      return false;
    }
    int open = TokenScan.findSymbol(tokens, keyword, "(");
    if (open < 0 || open > last) {
      return false;
    }
    int close = closing(tokens, open);
    for (int part = next(tokens, open); part < close; ) {
      if (tokens.get(part).isSymbol("(")) {
        return true;
      }
      int depth = 0;
      while (part < close && !(depth == 0 && tokens.get(part).isSymbol(","))) {
        depth += tokens.get(part).isSymbol("(") ? 1 : tokens.get(part).isSymbol(")") ? -1 : 0;
        part++;
      }
      part = part < close ? next(tokens, part) : close;
    }
    return false;
  }

  /** The quoted name after KEY, INDEX, UNIQUE [KEY|INDEX] or CONSTRAINT, if the item has one. */
  private static String indexName(List<SqlToken> tokens, int first) {
    for (int i = first; i < tokens.size() && !tokens.get(i).isSymbol("("); i++) {
      if (tokens.get(i).kind() == Kind.QUOTED_ID) {
        return tokens.get(i).name();
      }
    }
    return "(unnamed)";
  }

  private static String constraintName(List<SqlToken> tokens, int first, int foreign) {
    return first == foreign ? "(unnamed)" : tokens.get(next(tokens, first)).name();
  }

  /** Removes an item and the comma before it. */
  private static void removeItem(List<SqlToken> tokens, int first, int last) {
    int comma = first - 1;
    while (comma >= 0 && !tokens.get(comma).isSymbol(",")) {
      comma--;
    }
    tokens.subList(comma, last + 1).clear();
  }

  private void renamePartitionColumns(List<SqlToken> tokens, int from) {
    for (int i = from; i < tokens.size(); i++) {
      if ((tokens.get(i).isWord("PARTITION") || tokens.get(i).isWord("SUBPARTITION"))
          && isWord(tokens, next(tokens, i), "BY")) {
        int open = TokenScan.findSymbol(tokens, i, "(");
        if (open >= 0) {
          int close = closing(tokens, open);
          renameColumnsInParentheses(tokens, open, close, table);
          i = close;
        }
      }
    }
  }

  /**
   * Renames the quoted column names of {@code owner} found inside parentheses between
   * {@code first} and {@code last}; a null owner (a table outside the migrated set) keeps them.
   */
  private void renameColumnsInParentheses(List<SqlToken> tokens, int first, int last,
      TableMapping owner) {
    if (owner == null) {
      return;
    }
    int depth = 0;
    int end = Math.min(last, tokens.size() - 1);
    for (int i = first; i <= end; i++) {
      SqlToken token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
        if (depth == 0 && owner != table) {
          return;
        }
      } else if (depth > 0 && token.kind() == Kind.QUOTED_ID
          && (owner != table || columns.contains(token.name().toLowerCase(Locale.ROOT)))) {
        renameColumn(tokens, i, owner);
      }
    }
  }

  private static void renameColumn(List<SqlToken> tokens, int index, TableMapping owner) {
    String name = tokens.get(index).name();
    String target = owner.targetColumn(name);
    if (!target.equals(name)) {
      tokens.set(index, SqlToken.identifier(target));
    }
  }
}
