package dev.ferry.worker.schema;

import static dev.ferry.worker.sql.TokenScan.isName;
import static dev.ferry.worker.sql.TokenScan.isSymbol;
import static dev.ferry.worker.sql.TokenScan.next;
import static dev.ferry.worker.sql.TokenScan.previous;

import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.SqlToken.Kind;
import dev.ferry.worker.sql.SqlToken;
import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds and rewrites references to migrated tables, views and routines inside the body of a
 * view, trigger or routine, so that they follow renames.
 *
 * <p>Recognised references (identifiers quoted or not):
 *
 * <ul>
 *   <li>{@code schema.table} and {@code schema.table.column} (what SHOW CREATE VIEW prints on
 *       MySQL); the column follows the table's column renames;
 *   <li>{@code table.column} for a table of the object's own schema (MariaDB's view text);
 *   <li>an unqualified table right after FROM, JOIN, STRAIGHT_JOIN, INTO, UPDATE or TABLE (also
 *       behind opening parentheses);
 *   <li>{@code schema.routine(} calls;
 *   <li>{@code NEW.column} and {@code OLD.column} in a trigger of a table with renamed columns.
 * </ul>
 *
 * <p>Limits: unqualified column names, columns reached through a table alias, tables listed
 * after a comma in an old-style FROM list, and CTE names equal to a renamed table's name are not
 * rewritten.
 */
final class References {

  private static final Set<String> TABLE_KEYWORDS =
      Set.of("FROM", "JOIN", "STRAIGHT_JOIN", "INTO", "UPDATE", "TABLE");

  /**
   * A reference found in the tokens.
   *
   * @param schemaToken index of the schema qualifier, or -1
   * @param nameToken index of the table, view or routine name
   * @param columnToken index of a column name after the table, or -1
   * @param relation the referenced table or view, or null for a routine or row column
   * @param routineTarget where a referenced routine lands, or null
   * @param rowTable for {@code NEW.column} / {@code OLD.column}: the trigger's table
   */
  record Reference(int schemaToken, int nameToken, int columnToken, TableMapping relation,
      TableRef routineTarget, TableMapping rowTable) {}

  private References() {}

  /**
   * The references in {@code tokens} from index {@code from} on.
   *
   * @param defaultSchema the source schema that unqualified names resolve in
   * @param triggerTable the table of a trigger (for NEW/OLD columns), or null
   */
  static List<Reference> scan(List<SqlToken> tokens, int from, String defaultSchema,
      NameMap names, TableMapping triggerTable) {
    List<Reference> found = new ArrayList<>();
    for (int i = next(tokens, from - 1); i < tokens.size(); i = next(tokens, i)) {
      if (!tokens.get(i).isName() || isSymbol(tokens, previous(tokens, i), ".")) {
        continue;
      }
      List<Integer> chain = new ArrayList<>(List.of(i));
      boolean star = false;
      int last = i;
      while (isSymbol(tokens, next(tokens, last), ".")) {
        int after = next(tokens, next(tokens, last));
        if (isName(tokens, after)) {
          chain.add(after);
          last = after;
        } else {
          star = isSymbol(tokens, after, "*");
          break;
        }
      }
      Reference reference = resolve(tokens, chain, star, defaultSchema, names, triggerTable);
      if (reference != null) {
        found.add(reference);
      }
      i = last;
    }
    return found;
  }

  /**
   * Rewrites {@code references} (found by {@link #scan}) in place, from the last to the first so
   * that indexes stay valid.
   *
   * @param targetSchema the target schema of the object whose text this is
   */
  static void rewrite(List<SqlToken> tokens, List<Reference> references, String targetSchema) {
    for (int k = references.size() - 1; k >= 0; k--) {
      Reference ref = references.get(k);
      if (ref.rowTable() != null) {
        renameColumn(tokens, ref.columnToken(), ref.rowTable());
      } else if (ref.routineTarget() != null) {
        rename(tokens, ref.schemaToken(), ref.routineTarget().schema());
      } else {
        TableRef target = ref.relation().target();
        renameColumn(tokens, ref.columnToken(), ref.relation());
        if (ref.schemaToken() >= 0) {
          rename(tokens, ref.nameToken(), target.table());
          rename(tokens, ref.schemaToken(), target.schema());
        } else if (!target.schema().equals(targetSchema)) {
          tokens.set(ref.nameToken(), qualified(target));
        } else {
          rename(tokens, ref.nameToken(), target.table());
        }
      }
    }
  }

  private static Reference resolve(List<SqlToken> tokens, List<Integer> chain, boolean star,
      String defaultSchema, NameMap names, TableMapping triggerTable) {
    String first = tokens.get(chain.get(0)).name();
    if (chain.size() >= 2) {
      String second = tokens.get(chain.get(1)).name();
      TableMapping qualified = names.relation(first, second);
      if (triggerTable != null && chain.size() == 2 && tokens.get(chain.get(0)).kind() == Kind.WORD
          && (first.equalsIgnoreCase("NEW") || first.equalsIgnoreCase("OLD"))) {
        return new Reference(-1, -1, chain.get(1), null, null, triggerTable);
      }
      if (qualified != null) {
        return new Reference(chain.get(0), chain.get(1), chain.size() >= 3 ? chain.get(2) : -1,
            qualified, null, null);
      }
      TableRef routine = names.routine(first, second);
      if (routine != null && chain.size() == 2
          && isSymbol(tokens, next(tokens, chain.get(1)), "(")) {
        return new Reference(chain.get(0), chain.get(1), -1, null, routine, null);
      }
      TableMapping local = names.relation(defaultSchema, first);
      if (local != null && chain.size() == 2) {
        return new Reference(-1, chain.get(0), chain.get(1), local, null, null);
      }
      return null;
    }
    TableMapping local = names.relation(defaultSchema, first);
    if (local != null && (star || inTableContext(tokens, chain.get(0)))) {
      return new Reference(-1, chain.get(0), -1, local, null, null);
    }
    return null;
  }

  private static boolean inTableContext(List<SqlToken> tokens, int index) {
    int before = previous(tokens, index);
    while (isSymbol(tokens, before, "(")) {
      before = previous(tokens, before);
    }
    return before >= 0 && tokens.get(before).kind() == Kind.WORD
        && TABLE_KEYWORDS.contains(tokens.get(before).upper());
  }

  private static void renameColumn(List<SqlToken> tokens, int index, TableMapping table) {
    if (index >= 0) {
      rename(tokens, index, table.targetColumn(tokens.get(index).name()));
    }
  }

  private static void rename(List<SqlToken> tokens, int index, String name) {
    if (!tokens.get(index).name().equals(name)) {
      tokens.set(index, SqlToken.identifier(name));
    }
  }

  /** {@code `schema`.`name`} as one token. */
  static SqlToken qualified(TableRef ref) {
    return SqlToken.qualified(ref.schema(), ref.table());
  }
}
