package dev.ferry.worker.sql;

import java.util.List;

/**
 * A DDL statement as {@link DdlReader} read it: its classification, its tokens, and where in
 * those tokens each table name stands, so that a rewrite replaces exactly the names the
 * classification found.
 *
 * @param change the classification
 * @param tokens every token of the statement ({@link SqlLexer#render} gives the text back)
 * @param names every table name in the text, in text order: the {@link DdlChange#tables()},
 *     and the table a {@code CREATE TABLE ... LIKE} copies
 */
public record DdlStatement(DdlChange change, List<SqlToken> tokens, List<NameAt> names) {

  public DdlStatement {
    tokens = List.copyOf(tokens);
    names = List.copyOf(names);
  }

  /**
   * A table name in the token list.
   *
   * @param table the name, its schema resolved
   * @param first index of its first token (the schema, when qualified)
   * @param last index of its last token
   */
  public record NameAt(TableRef table, int first, int last) {}
}
