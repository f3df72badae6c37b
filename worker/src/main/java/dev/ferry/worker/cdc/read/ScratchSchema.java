package dev.ferry.worker.cdc.read;

import dev.ferry.worker.catalog.Catalog;
import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.CatalogTable;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.meta.MetaSchema;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.DdlReader;
import dev.ferry.worker.sql.DdlStatement;
import dev.ferry.worker.sql.Sql;
import dev.ferry.worker.sql.SqlLexer;
import dev.ferry.worker.sql.SqlToken;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.sql.TokenScan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Empty copies of a source's table definitions on the target server, where the server itself
 * interprets each DDL of the binlog: source table {@code db.t} lives as {@code t} in the scratch
 * database {@code ferry_h_<hash of task, source and db>}, so a statement is replayed by
 * qualifying each table name it holds with its scratch database. The tables hold no rows, so
 * every replay is instant; nothing is written to the target's binlog.
 */
final class ScratchSchema {

  private static final int SPECIFIC_ACCESS_DENIED = 1227;

  private final Database target;
  private final String owner;

  /**
   * @param owner what the scratch databases belong to (one task run and source), so that two
   *     streams never share one
   */
  ScratchSchema(Database target, String owner) {
    this.target = target;
    this.owner = owner;
  }

  /** The scratch database that holds the copies of {@code sourceSchema}'s tables. */
  String databaseOf(String sourceSchema) {
    return databaseOf(owner, sourceSchema);
  }

  /**
   * Drops the scratch databases of {@code owner} for these source schemas, through a session of
   * the caller's.
   */
  static void drop(Connection connection, String owner, Iterable<String> sourceSchemas)
      throws SQLException {
    try (Statement statement = scratchSession(connection)) {
      for (String schema : sourceSchemas) {
        statement.execute("DROP DATABASE IF EXISTS " + Sql.quote(databaseOf(owner, schema)));
      }
    }
  }

  private static String databaseOf(String owner, String sourceSchema) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((owner + "\u0000" + sourceSchema).getBytes(StandardCharsets.UTF_8));
      return MetaSchema.SCRATCH_PREFIX + HexFormat.of().formatHex(digest, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Drops and creates the scratch databases of these source schemas (empty). */
  void reset(Iterable<String> sourceSchemas) throws SQLException {
    try (Connection connection = target.connection();
        Statement statement = scratchSession(connection)) {
      for (String schema : sourceSchemas) {
        String scratch = Sql.quote(databaseOf(schema));
        statement.execute("DROP DATABASE IF EXISTS " + scratch);
        statement.execute("CREATE DATABASE " + scratch);
      }
    }
  }

  /**
   * Creates the scratch databases of these source schemas when missing, so that a table renamed
   * into one the history does not follow leaves its copy (and one renamed out of it fails).
   */
  void ensureDatabases(Iterable<String> sourceSchemas) throws SQLException {
    try (Connection connection = target.connection();
        Statement statement = scratchSession(connection)) {
      for (String schema : sourceSchemas) {
        statement.execute("CREATE DATABASE IF NOT EXISTS " + Sql.quote(databaseOf(schema)));
      }
    }
  }

  /** Drops the scratch databases of these source schemas. */
  void drop(Iterable<String> sourceSchemas) throws SQLException {
    try (Connection connection = target.connection()) {
      drop(connection, owner, sourceSchemas);
    }
  }

  /** Drops the copies of these tables where they exist. */
  void dropTables(Iterable<TableRef> tables) throws SQLException {
    try (Connection connection = target.connection();
        Statement statement = scratchSession(connection)) {
      for (TableRef table : tables) {
        statement.execute("DROP TABLE IF EXISTS "
            + Sql.qualified(databaseOf(table.schema()), table.table()));
      }
    }
  }

  /** What the target server says when it refuses to create one copy. */
  @FunctionalInterface
  interface Refusal {
    /** Handles the refusal of {@code table}'s copy, or throws to stop creating. */
    void refused(TableRef table, SQLException error) throws SQLException;
  }

  /**
   * Creates the copies of these tables from their CREATE TABLE statements (as SHOW CREATE gives
   * them) through one session, not a session per table; a statement the target server refuses
   * goes to {@code refusal}.
   */
  void createAll(Map<TableRef, String> createTables, Refusal refusal) throws SQLException {
    try (Connection connection = target.connection();
        Statement session = scratchSession(connection)) {
      String used = null;
      for (Map.Entry<TableRef, String> table : createTables.entrySet()) {
        DdlChange ddl = creation(table.getKey(), table.getValue());
        try {
          String database = databaseOf(ddl.defaultSchema());
          if (!database.equals(used)) {
            session.execute("USE " + Sql.quote(database));
            used = database;
          }
          session.execute(inScratch(ddl));
        } catch (SQLException e) {
          refusal.refused(table.getKey(), e);
        }
      }
    }
  }

  private static DdlChange creation(TableRef table, String createTable) {
    return new DdlChange(table.schema(), createTable, DdlChange.Kind.CREATE_TABLE,
        List.of(table));
  }

  /** Runs {@code ddl} against the copies: every table name it holds names its copy. */
  void replay(DdlChange ddl) throws SQLException {
    String sql = inScratch(ddl);
    try (Connection connection = target.connection();
        Statement session = scratchSession(connection)) {
      if (ddl.defaultSchema() != null) {
        // unqualified names the reader does not rewrite (a foreign key's parent) stay inside
        session.execute("USE " + Sql.quote(databaseOf(ddl.defaultSchema())));
      }
      session.execute(sql);
    }
  }

  /** The text of {@code ddl} with every table name it holds naming its copy. */
  private String inScratch(DdlChange ddl) {
    DdlStatement statement = DdlReader.read(ddl.defaultSchema(), ddl.sql());
    List<SqlToken> tokens = new ArrayList<>(statement.tokens());
    List<DdlStatement.NameAt> names = statement.names();
    for (int i = names.size() - 1; i >= 0; i--) {
      DdlStatement.NameAt name = names.get(i);
      TokenScan.replace(tokens, name.first(), name.last(), SqlToken.qualified(
          databaseOf(name.table().schema()), name.table().table()));
    }
    return SqlLexer.render(tokens);
  }

  /** The copy of {@code table} as it stands: its CREATE TABLE and its catalog entry. */
  Optional<Copy> read(TableRef table) throws SQLException {
    TableRef scratch = copyOf(table);
    try (Connection connection = target.connection();
        Statement statement = connection.createStatement()) {
      Optional<CatalogTable> catalog =
          CatalogReader.read(connection, Scope.table(scratch)).table(scratch);
      if (catalog.isEmpty()) {
        return Optional.empty();
      }
      try (ResultSet rs = statement.executeQuery("SHOW CREATE TABLE "
          + Sql.qualified(scratch.schema(), scratch.table()))) {
        rs.next();
        return Optional.of(new Copy(rs.getString(2), catalog.get()));
      }
    }
  }

  /** The copy of source table {@code table}: its name in its scratch database. */
  TableRef copyOf(TableRef table) {
    return new TableRef(databaseOf(table.schema()), table.table());
  }

  /**
   * What the catalog says of the copies of these source schemas' tables (by {@link #copyOf}
   * name): one query per kind for every copy, however many tables.
   */
  Catalog catalogOf(Collection<String> sourceSchemas) throws SQLException {
    try (Connection connection = target.connection()) {
      return CatalogReader.read(connection,
          Scope.schemas(sourceSchemas.stream().map(this::databaseOf).toList()));
    }
  }

  /** A copy's definition: the statement that creates it, and what the catalog says of it. */
  record Copy(String createTable, CatalogTable catalog) {}

  /**
   * Foreign key checks off (the parents are not all copied), the binlog off where the user may
   * turn it off: with {@code spec.target.writeBinlog} the user may lack the privilege, and the
   * target's binlog then shows the scratch databases, which no migrated table maps to.
   */
  private static Statement scratchSession(Connection connection) throws SQLException {
    Statement statement = connection.createStatement();
    statement.execute("SET SESSION foreign_key_checks = 0");
    try {
      statement.execute("SET SESSION sql_log_bin = 0");
    } catch (SQLException e) {
      if (e.getErrorCode() != SPECIFIC_ACCESS_DENIED) {
        throw e;
      }
    }
    return statement;
  }
}
