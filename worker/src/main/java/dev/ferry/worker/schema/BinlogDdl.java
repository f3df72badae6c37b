package dev.ferry.worker.schema;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.catalog.TableRef;
import dev.ferry.worker.cdc.DdlChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rewrites a table DDL statement read from the binlog for the target: every table name becomes
 * the mapped, fully qualified target name, and inside CREATE/ALTER TABLE the renamed columns of
 * that table get their target names. A statement on tables that are not migrated is dropped; one
 * that moves a table into or out of the migrated set cannot be replayed safely and fails.
 *
 * <p>Columns are renamed wherever an identifier equal to a renamed source column appears after
 * the table name (definitions, indexes, CHANGE/MODIFY/DROP/RENAME COLUMN), like schema migration.
 */
public final class BinlogDdl {

  private BinlogDdl() {}

  /**
   * The statement to run on the target, or empty when it concerns no migrated table.
   *
   * @param mappings the mapping of a source table, empty when it is not migrated
   * @param substitutions source tables to read as others first (online DDL shadow tables)
   * @throws FerryException (Fatal) when the statement mixes migrated and other tables
   */
  public static Optional<String> rewrite(DdlChange ddl,
      Function<TableRef, Optional<TableMapping>> mappings, Map<TableRef, TableRef> substitutions) {
    List<SqlToken> tokens = new ArrayList<>(SqlTokenizer.tokenize(ddl.sql()));
    List<int[]> names = tableNames(tokens, ddl.kind());
    if (names.isEmpty()) {
      return Optional.empty();
    }
    List<TableMapping> found = new ArrayList<>();
    int missing = 0;
    for (int[] span : names) {
      TableRef source = resolve(tokens, span, ddl.defaultSchema());
      TableRef real = substitutions.getOrDefault(source, source);
      Optional<TableMapping> mapping = mappings.apply(real);
      if (mapping.isEmpty()) {
        missing++;
        continue;
      }
      found.add(mapping.get());
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    if (missing > 0) {
      throw new FerryException(FailureClass.Fatal, "the DDL statement '" + ddl.sql()
          + "' involves both migrated and not migrated tables, so it cannot be replayed on the"
          + " target; apply the matching change on the target by hand, then set"
          + " spec.incremental.ddlPolicy: Ignore until this statement has passed");
    }
    for (int i = names.size() - 1; i >= 0; i--) {
      int[] span = names.get(i);
      TableMapping mapping = found.get(i);
      if (i == 0 && renamesColumns(ddl.kind())) {
        renameColumns(tokens, span[1] + 1, mapping);
      }
      replace(tokens, span, References.qualified(mapping.target()));
    }
    return Optional.of(SqlTokenizer.render(tokens));
  }

  private static boolean renamesColumns(DdlChange.Kind kind) {
    return kind == DdlChange.Kind.CREATE_TABLE || kind == DdlChange.Kind.ALTER_TABLE;
  }

  /** Spans [first, last] of the table names the statement names, in order. */
  private static List<int[]> tableNames(List<SqlToken> tokens, DdlChange.Kind kind) {
    List<int[]> names = new ArrayList<>();
    TokenCursor cursor = new TokenCursor(tokens);
    switch (kind) {
      case CREATE_TABLE -> {
        cursor.skipPast("TABLE");
        cursor.skipWords("IF", "NOT", "EXISTS");
        cursor.name().ifPresent(names::add);
        if (cursor.skipWords("LIKE") || cursor.openParenThenLike()) {
          cursor.name().ifPresent(names::add);
        }
      }
      case ALTER_TABLE -> {
        cursor.skipPast("TABLE");
        cursor.skipWords("IF", "EXISTS");
        cursor.name().ifPresent(names::add);
        if (cursor.findTopLevelRename()) {
          cursor.skipWords("TO", "AS");
          cursor.name().ifPresent(names::add);
        }
      }
      case DROP_TABLE -> {
        cursor.skipPast("TABLE");
        cursor.skipWords("IF", "EXISTS");
        names.addAll(cursor.nameList());
      }
      case TRUNCATE_TABLE -> {
        cursor.skipPast("TRUNCATE");
        cursor.skipWords("TABLE");
        cursor.name().ifPresent(names::add);
      }
      case RENAME_TABLE -> {
        cursor.skipPast("TABLE");
        do {
          cursor.name().ifPresent(names::add);
          cursor.skipWords("TO");
          cursor.name().ifPresent(names::add);
        } while (cursor.skipSymbol(","));
      }
      default -> { }
    }
    return names;
  }

  private static TableRef resolve(List<SqlToken> tokens, int[] span, String defaultSchema) {
    if (span[0] == span[1]) {
      return new TableRef(defaultSchema, tokens.get(span[0]).name());
    }
    return new TableRef(tokens.get(span[0]).name(), tokens.get(span[1]).name());
  }

  private static void replace(List<SqlToken> tokens, int[] span, SqlToken with) {
    for (int i = span[1]; i > span[0]; i--) {
      tokens.remove(i);
    }
    tokens.set(span[0], with);
  }

  private static void renameColumns(List<SqlToken> tokens, int from, TableMapping mapping) {
    if (mapping.columnRenames().isEmpty()) {
      return;
    }
    for (int i = from; i < tokens.size(); i++) {
      SqlToken token = tokens.get(i);
      if (token.isName()
          && mapping.columnRenames().containsKey(token.name().toLowerCase(Locale.ROOT))) {
        tokens.set(i, SqlToken.identifier(mapping.targetColumn(token.name())));
      }
    }
  }
}
