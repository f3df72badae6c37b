package dev.ferry.worker.cdc;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.DdlReader;
import dev.ferry.worker.sql.DdlStatement.NameAt;
import dev.ferry.worker.sql.DdlStatement;
import dev.ferry.worker.sql.SqlLexer;
import dev.ferry.worker.sql.SqlToken;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.sql.TokenScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rewrites a table DDL statement read from the binlog for the target: every table name that
 * {@link DdlReader} found becomes the mapped, fully qualified target name, and inside
 * CREATE/ALTER TABLE (and CREATE/DROP INDEX ... ON) the renamed columns of that table get their
 * target names. A statement on tables that are not migrated is dropped; one that moves a table
 * into or out of the migrated set cannot be replayed safely and fails.
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
    DdlStatement statement = DdlReader.read(ddl.defaultSchema(), ddl.sql());
    List<NameAt> names = statement.names();
    if (names.isEmpty()) {
      return Optional.empty();
    }
    List<TableMapping> found = new ArrayList<>();
    int missing = 0;
    for (NameAt name : names) {
      TableRef source = name.table();
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
          + " target; apply the matching change on the target by hand, then skip the statement"
          + " with an entry of spec.incremental.ddlOverrides");
    }
    List<SqlToken> tokens = new ArrayList<>(statement.tokens());
    for (int i = names.size() - 1; i >= 0; i--) {
      NameAt name = names.get(i);
      TableMapping mapping = found.get(i);
      if (i == 0 && renamesColumns(statement.change().kind())) {
        renameColumns(tokens, name.last() + 1, mapping);
      }
      TableRef target = mapping.target();
      TokenScan.replace(tokens, name.first(), name.last(),
          SqlToken.qualified(target.schema(), target.table()));
    }
    return Optional.of(SqlLexer.render(tokens));
  }

  private static boolean renamesColumns(DdlChange.Kind kind) {
    return kind == DdlChange.Kind.CREATE_TABLE || kind == DdlChange.Kind.ALTER_TABLE;
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
