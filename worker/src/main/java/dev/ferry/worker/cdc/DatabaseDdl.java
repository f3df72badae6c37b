package dev.ferry.worker.cdc;

import dev.ferry.api.v1alpha1.DdlOperation;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.SqlLexer;
import dev.ferry.worker.sql.SqlToken;
import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * CREATE and DROP DATABASE (or SCHEMA) of the stream, for the target. A database is migrated
 * when the object filter migrates every table it may hold: {@code spec.objects.include} names it
 * whole ({@code shop}, {@code shop.*}, a pattern that matches any table name of it) and no
 * exclude pattern does. Its target name is the one its tables get from a rule that matches the
 * whole database ({@code targetSchema}), else its own; that rule's {@code ddl} list must hold
 * Create or Drop. The statement keeps its options (character set, collation, IF [NOT] EXISTS).
 */
final class DatabaseDdl {

  /** A table name no table has: it stands for "any table of the database" in the filter. */
  private static final String ANY_TABLE = "";
  private static final Set<String> BEFORE_NAME =
      Set.of("CREATE", "DROP", "OR", "REPLACE", "DATABASE", "SCHEMA", "IF", "NOT", "EXISTS");

  private DatabaseDdl() {}

  /** Whether {@code ddl} is a CREATE or DROP DATABASE. */
  static boolean concerns(DdlChange ddl) {
    return ddl.kind() == DdlChange.Kind.CREATE_DATABASE
        || ddl.kind() == DdlChange.Kind.DROP_DATABASE;
  }

  /**
   * The statement to run on the target, or empty when the database is not migrated (or its
   * rule leaves this kind of DDL out, which is logged).
   */
  static Optional<String> rewrite(DdlChange ddl,
      Function<TableRef, Optional<TableMapping>> mappings, Logger log) {
    List<SqlToken> tokens = new ArrayList<>(SqlLexer.tokenize(ddl.sql()));
    int name = nameIndex(tokens);
    if (name < 0) {
      return Optional.empty();
    }
    Optional<TableMapping> mapping =
        mappings.apply(new TableRef(tokens.get(name).name(), ANY_TABLE));
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    DdlOperation operation = ddl.kind() == DdlChange.Kind.CREATE_DATABASE
        ? DdlOperation.Create : DdlOperation.Drop;
    if (!mapping.get().ddl().contains(operation)) {
      log.info("not replayed ({} is not in the rule's ddl list): {}", operation, ddl.sql());
      return Optional.empty();
    }
    tokens.set(name, SqlToken.identifier(mapping.get().target().schema()));
    return Optional.of(SqlLexer.render(tokens));
  }

  /** The index of the database name's token, or -1 when the statement names none. */
  private static int nameIndex(List<SqlToken> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      SqlToken token = tokens.get(i);
      if (token.isSkipped() || token.kind() == SqlToken.Kind.WORD
          && BEFORE_NAME.contains(token.upper())) {
        continue;
      }
      return token.isName() ? i : -1;
    }
    return -1;
  }
}
