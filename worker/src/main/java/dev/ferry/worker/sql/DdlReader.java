package dev.ferry.worker.sql;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.sql.DdlChange.Kind;
import dev.ferry.worker.sql.DdlStatement.NameAt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads statements (from the binlog's QUERY events): which are transaction control or
 * administration that no target needs ({@link #isIgnorable}), which are row data written as a
 * statement ({@link #isDml}), and for the rest the {@link DdlChange.Kind}, the tables they
 * create, alter, drop, rename (from, then to) or truncate, and where those names stand in the
 * statement's tokens ({@link #read}). Names without a schema belong to the session's default
 * schema. Database DDL lists no tables. {@code CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX ... ON t}
 * and {@code DROP INDEX ... ON t} alter table t. MariaDB's {@code RENAME TABLE IF EXISTS} and
 * {@code WAIT n}/{@code NOWAIT} after a renamed table are read too.
 */
public final class DdlReader {

  private static final Set<String> IGNORED_FIRST_WORDS = Set.of("BEGIN", "COMMIT", "ROLLBACK",
      "SAVEPOINT", "RELEASE", "SET", "GRANT", "REVOKE", "FLUSH", "ANALYZE", "OPTIMIZE", "REPAIR",
      "CHECK", "CHECKSUM", "RESET", "PURGE", "INSTALL", "UNINSTALL", "KILL", "DO", "LOCK",
      "UNLOCK", "SHOW", "USE");
  private static final Set<String> MAINTENANCE_FIRST_WORDS =
      Set.of("ANALYZE", "OPTIMIZE", "REPAIR", "CHECK", "CHECKSUM");
  private static final Set<String> ACCOUNT_WORDS = Set.of("USER", "ROLE");
  private static final Set<String> DDL_VERBS = Set.of("CREATE", "DROP", "ALTER", "RENAME");
  private static final Set<String> DML_FIRST_WORDS =
      Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "LOAD", "CALL", "SELECT", "WITH");

  private DdlReader() {}

  /**
   * Whether the statement changes nothing a migration copies: transaction control, SET,
   * privileges and accounts, FLUSH, table maintenance and the like.
   */
  public static boolean isIgnorable(String sql) {
    List<SqlToken> words = meaningful(SqlLexer.tokenize(sql));
    if (words.isEmpty()) {
      return true;
    }
    String first = words.get(0).upper();
    return IGNORED_FIRST_WORDS.contains(first) || (DDL_VERBS.contains(first)
        && words.size() > 1 && ACCOUNT_WORDS.contains(words.get(1).upper()));
  }

  /** Whether the statement is table maintenance: ANALYZE, OPTIMIZE, REPAIR, CHECK, CHECKSUM. */
  public static boolean isTableMaintenance(String sql) {
    List<SqlToken> words = meaningful(SqlLexer.tokenize(sql));
    return !words.isEmpty() && MAINTENANCE_FIRST_WORDS.contains(words.get(0).upper());
  }

  /** Whether the statement is row data written as a statement (statement-based logging). */
  public static boolean isDml(String sql) {
    List<SqlToken> words = meaningful(SqlLexer.tokenize(sql));
    return !words.isEmpty() && DML_FIRST_WORDS.contains(words.get(0).upper());
  }

  /**
   * The statement as a DDL change.
   *
   * @throws FerryException (Fatal) when a table statement is cut short where a name must be
   */
  public static DdlChange classify(String defaultSchema, String sql) {
    return read(defaultSchema, sql).change();
  }

  /**
   * The statement as a DDL change, with its tokens and the places of its table names.
   *
   * @throws FerryException (Fatal) when a table statement is cut short where a name must be
   */
  public static DdlStatement read(String defaultSchema, String sql) {
    List<SqlToken> tokens = SqlLexer.tokenize(sql);
    Reader reader = new Reader(tokens, defaultSchema);
    try {
      Kind kind = reader.classify();
      return new DdlStatement(new DdlChange(defaultSchema, sql, kind, reader.tables), tokens,
          reader.names);
    } catch (IllegalArgumentException e) {
      throw new FerryException(FailureClass.Fatal, "the DDL statement from the binlog cannot be "
          + "understood (" + e.getMessage() + "): " + sql + "; apply it to the target by hand and "
          + "restart the incremental phase from a position after it");
    }
  }

  private static List<SqlToken> meaningful(List<SqlToken> tokens) {
    return tokens.stream().filter(token -> !token.isSkipped()).toList();
  }

  /** Reads the meaningful tokens left to right. */
  private static final class Reader {
    private final List<SqlToken> tokens;
    private final List<Integer> positions = new ArrayList<>();
    private final String defaultSchema;
    private final List<TableRef> tables = new ArrayList<>();
    private final List<NameAt> names = new ArrayList<>();
    private int at;

    Reader(List<SqlToken> tokens, String defaultSchema) {
      this.tokens = tokens;
      this.defaultSchema = defaultSchema;
      for (int i = 0; i < tokens.size(); i++) {
        if (!tokens.get(i).isSkipped()) {
          positions.add(i);
        }
      }
    }

    Kind classify() {
      if (accept("CREATE")) {
        return create();
      }
      if (accept("ALTER")) {
        return alter();
      }
      if (accept("DROP")) {
        return drop();
      }
      if (accept("RENAME")) {
        if (!accept("TABLE") && !accept("TABLES")) {
          return Kind.OTHER;
        }
        ifExists();
        do {
          table();
          lockWait();
          expect("TO");
          table();
        } while (acceptSymbol(","));
        return Kind.RENAME_TABLE;
      }
      if (accept("TRUNCATE")) {
        accept("TABLE");
        table();
        return Kind.TRUNCATE_TABLE;
      }
      return Kind.OTHER;
    }

    private Kind create() {
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
        table();
        if (accept("LIKE") || acceptOpenParenLike()) {
          names.add(name());
        }
        return Kind.CREATE_TABLE;
      }
      accept("UNIQUE");
      accept("FULLTEXT");
      accept("SPATIAL");
      if (accept("INDEX")) {
        return indexOnTable();
      }
      return Kind.OTHER;
    }

    private Kind alter() {
      accept("ONLINE");
      accept("IGNORE");
      if (!accept("TABLE")) {
        return Kind.OTHER;
      }
      ifExists();
      table();
      int depth = 0;
      while (at < positions.size()) {
        SqlToken token = current();
        at++;
        if (token.isSymbol("(")) {
          depth++;
        } else if (token.isSymbol(")")) {
          depth--;
        } else if (depth == 0 && token.isWord("RENAME") && at < positions.size()
            && !peek(0, "COLUMN") && !peek(0, "INDEX") && !peek(0, "KEY")) {
          if (!accept("TO")) {
            accept("AS");
          }
          table();
        }
      }
      return Kind.ALTER_TABLE;
    }

    private Kind drop() {
      if (accept("DATABASE") || accept("SCHEMA")) {
        return Kind.DROP_DATABASE;
      }
      if (accept("TEMPORARY")) {
        return Kind.OTHER;
      }
      if (accept("TABLE") || accept("TABLES")) {
        ifExists();
        do {
          table();
        } while (acceptSymbol(","));
        return Kind.DROP_TABLE;
      }
      accept("ONLINE");
      if (accept("INDEX")) {
        return indexOnTable();
      }
      return Kind.OTHER;
    }

    /** {@code CREATE/DROP INDEX ... ON t}: a change of table t, like an ALTER TABLE. */
    private Kind indexOnTable() {
      while (at < positions.size()) {
        if (accept("ON")) {
          table();
          return Kind.ALTER_TABLE;
        }
        at++;
      }
      return Kind.OTHER;
    }

    /** MariaDB's {@code WAIT n} or {@code NOWAIT} after a table name: moves past it. */
    private void lockWait() {
      if (accept("WAIT") && at < positions.size()) {
        at++;
      } else {
        accept("NOWAIT");
      }
    }

    private void ifExists() {
      if (accept("IF")) {
        accept("NOT");
        expect("EXISTS");
      }
    }

    /** A name of a table the statement changes. */
    private void table() {
      NameAt name = name();
      names.add(name);
      tables.add(name.table());
    }

    private NameAt name() {
      int first = identifier();
      if (acceptSymbol(".")) {
        int last = identifier();
        return new NameAt(new TableRef(tokens.get(first).name(), tokens.get(last).name()),
            first, last);
      }
      return new NameAt(new TableRef(defaultSchema, tokens.get(first).name()), first, first);
    }

    /** The token index of the identifier at the cursor, moving past it. */
    private int identifier() {
      if (at >= positions.size() || !current().isName()) {
        throw new IllegalArgumentException("a table name is missing");
      }
      return positions.get(at++);
    }

    private SqlToken current() {
      return tokens.get(positions.get(at));
    }

    private boolean peek(int ahead, String word) {
      return at + ahead < positions.size()
          && tokens.get(positions.get(at + ahead)).isWord(word);
    }

    private boolean peekSymbol(String symbol) {
      return at < positions.size() && current().isSymbol(symbol);
    }

    /** {@code CREATE TABLE t (LIKE u)}: moves past "(LIKE" when it comes next. */
    private boolean acceptOpenParenLike() {
      if (peekSymbol("(") && peek(1, "LIKE")) {
        at += 2;
        return true;
      }
      return false;
    }

    private boolean accept(String word) {
      if (peek(0, word)) {
        at++;
        return true;
      }
      return false;
    }

    private boolean acceptSymbol(String symbol) {
      if (peekSymbol(symbol)) {
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
