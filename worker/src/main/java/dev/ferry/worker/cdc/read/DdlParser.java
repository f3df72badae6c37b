package dev.ferry.worker.cdc.read;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.catalog.TableRef;
import dev.ferry.worker.cdc.DdlChange;
import dev.ferry.worker.cdc.DdlChange.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Classifies statements from QUERY events: which are transaction control or administration
 * that no target needs ({@link #isIgnorable}), and for the rest the {@link DdlChange.Kind} and
 * the tables they create, alter, drop, rename (from, then to) or truncate. Names without a
 * schema belong to the session's default schema. Database DDL lists no tables.
 */
public final class DdlParser {

  private static final Set<String> IGNORED_FIRST_WORDS = Set.of("BEGIN", "COMMIT", "ROLLBACK",
      "SAVEPOINT", "RELEASE", "SET", "GRANT", "REVOKE", "FLUSH", "ANALYZE", "OPTIMIZE", "REPAIR",
      "CHECK", "CHECKSUM", "RESET", "PURGE", "INSTALL", "UNINSTALL", "KILL", "DO", "LOCK",
      "UNLOCK", "SHOW", "USE");
  private static final Set<String> ACCOUNT_WORDS = Set.of("USER", "ROLE");
  private static final Set<String> DML_FIRST_WORDS =
      Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "LOAD", "CALL", "SELECT", "WITH");

  private DdlParser() {}

  /**
   * Whether the statement changes nothing a migration copies: transaction control, SET,
   * privileges and accounts, FLUSH, table maintenance and the like.
   */
  public static boolean isIgnorable(String sql) {
    List<DdlTokens.Token> tokens = DdlTokens.of(sql);
    if (tokens.isEmpty()) {
      return true;
    }
    String first = tokens.get(0).text().toUpperCase();
    if (IGNORED_FIRST_WORDS.contains(first)) {
      return true;
    }
    return (first.equals("CREATE") || first.equals("DROP") || first.equals("ALTER")
        || first.equals("RENAME")) && tokens.size() > 1
        && ACCOUNT_WORDS.contains(tokens.get(1).text().toUpperCase());
  }

  /** Whether the statement is row data written as a statement (statement-based logging). */
  public static boolean isDml(String sql) {
    List<DdlTokens.Token> tokens = DdlTokens.of(sql);
    return !tokens.isEmpty() && DML_FIRST_WORDS.contains(tokens.get(0).text().toUpperCase());
  }

  /**
   * The statement as a DDL change.
   *
   * @throws FerryException (Fatal) when a table statement is cut short where a name must be
   */
  public static DdlChange parse(String defaultSchema, String sql) {
    Cursor cursor = new Cursor(DdlTokens.of(sql), defaultSchema);
    List<TableRef> tables = new ArrayList<>();
    try {
      Kind kind = cursor.classify(tables);
      return new DdlChange(defaultSchema, sql, kind, tables);
    } catch (IllegalArgumentException e) {
      throw new FerryException(FailureClass.Fatal, "the DDL statement from the binlog cannot be "
          + "understood (" + e.getMessage() + "): " + sql + "; apply it to the target by hand and "
          + "restart the incremental phase from a position after it");
    }
  }

  /** Reads tokens left to right. */
  private static final class Cursor {
    private final List<DdlTokens.Token> tokens;
    private final String defaultSchema;
    private int at;

    Cursor(List<DdlTokens.Token> tokens, String defaultSchema) {
      this.tokens = tokens;
      this.defaultSchema = defaultSchema;
    }

    Kind classify(List<TableRef> tables) {
      if (accept("CREATE")) {
        return create(tables);
      }
      if (accept("ALTER")) {
        return alter(tables);
      }
      if (accept("DROP")) {
        return drop(tables);
      }
      if (accept("RENAME")) {
        if (!accept("TABLE") && !accept("TABLES")) {
          return Kind.OTHER;
        }
        do {
          tables.add(name());
          expect("TO");
          tables.add(name());
        } while (accept(","));
        return Kind.RENAME_TABLE;
      }
      if (accept("TRUNCATE")) {
        accept("TABLE");
        tables.add(name());
        return Kind.TRUNCATE_TABLE;
      }
      return Kind.OTHER;
    }

    private Kind create(List<TableRef> tables) {
      if (accept("OR")) {
        expect("REPLACE");
      }
      if (accept("DATABASE") || accept("SCHEMA")) {
        return Kind.CREATE_DATABASE;
      }
      if (accept("TEMPORARY")) {
        return Kind.OTHER;
      }
      if (accept("TABLE")) {
        ifExists();
        tables.add(name());
        return Kind.CREATE_TABLE;
      }
      accept("UNIQUE");
      accept("FULLTEXT");
      accept("SPATIAL");
      if (accept("INDEX")) {
        return indexOnTable(tables);
      }
      return Kind.OTHER;
    }

    private Kind alter(List<TableRef> tables) {
      accept("ONLINE");
      accept("IGNORE");
      if (!accept("TABLE")) {
        return Kind.OTHER;
      }
      ifExists();
      TableRef table = name();
      tables.add(table);
      int depth = 0;
      while (at < tokens.size()) {
        DdlTokens.Token token = tokens.get(at++);
        if (token.is("(")) {
          depth++;
        } else if (token.is(")")) {
          depth--;
        } else if (depth == 0 && token.is("RENAME") && at < tokens.size()
            && !peekAny("COLUMN", "INDEX", "KEY")) {
          if (!accept("TO")) {
            accept("AS");
          }
          tables.add(name());
        }
      }
      return Kind.ALTER_TABLE;
    }

    private Kind drop(List<TableRef> tables) {
      if (accept("DATABASE") || accept("SCHEMA")) {
        return Kind.DROP_DATABASE;
      }
      if (accept("TEMPORARY")) {
        return Kind.OTHER;
      }
      if (accept("TABLE") || accept("TABLES")) {
        ifExists();
        do {
          tables.add(name());
        } while (accept(","));
        return Kind.DROP_TABLE;
      }
      accept("ONLINE");
      if (accept("INDEX")) {
        return indexOnTable(tables);
      }
      return Kind.OTHER;
    }

    private Kind indexOnTable(List<TableRef> tables) {
      while (at < tokens.size()) {
        if (accept("ON")) {
          tables.add(name());
          return Kind.ALTER_TABLE;
        }
        at++;
      }
      return Kind.OTHER;
    }

    private void ifExists() {
      if (accept("IF")) {
        accept("NOT");
        expect("EXISTS");
      }
    }

    private TableRef name() {
      String first = identifier();
      if (accept(".")) {
        return new TableRef(first, identifier());
      }
      return new TableRef(defaultSchema, first);
    }

    private String identifier() {
      if (at >= tokens.size() || tokens.get(at).literal()) {
        throw new IllegalArgumentException("a table name is missing");
      }
      return tokens.get(at++).text();
    }

    private boolean peekAny(String... words) {
      for (String word : words) {
        if (tokens.get(at).is(word)) {
          return true;
        }
      }
      return false;
    }

    private boolean accept(String word) {
      if (at < tokens.size() && tokens.get(at).is(word)) {
        at++;
        return true;
      }
      return false;
    }

    private void expect(String word) {
      if (!accept(word)) {
        throw new IllegalArgumentException("expected " + word);
      }
    }
  }
}
