package dev.ferry.worker.meta;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Setup and writing of a ledger table in the meta schema: every ledger is an InnoDB table of
 * {@value MetaSchema#NAME} in utf8mb4 with a binary collation (names compare as the servers
 * store them), created with the schema when missing.
 */
public final class LedgerTable {

  /** Work on one connection inside one transaction. */
  @FunctionalInterface
  public interface Work {
    void run() throws SQLException;
  }

  /**
   * The columns that name one chunk of a task's table, for the chunk ledgers (full load,
   * validation); their primary key is {@link #CHUNK_KEY}.
   */
  public static final String CHUNK_COLUMNS = "task_id VARCHAR(320) NOT NULL,"
      + " source_name VARCHAR(63) NOT NULL,"
      + " table_schema VARCHAR(64) NOT NULL,"
      + " table_name VARCHAR(64) NOT NULL,"
      + " chunk_no INT NOT NULL,";

  /** A chunk's lower bound: its first key (the one bound convention of every chunk). */
  public static final String LOWER_BOUND =
      "lower_bound LONGTEXT NULL COMMENT 'JSON array of key values, inclusive'";

  /** A chunk's upper bound: the first key of the next chunk. */
  public static final String UPPER_BOUND =
      "upper_bound LONGTEXT NULL COMMENT 'JSON array of key values, exclusive'";

  /** A chunk's key range as the chunk ledgers store it; null bounds are open. */
  public static final String CHUNK_BOUNDS = " " + LOWER_BOUND + ", " + UPPER_BOUND + ",";

  /** When a ledger row last changed. */
  public static final String UPDATED_AT = " updated_at TIMESTAMP(6) NOT NULL"
      + " DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),";

  /** The primary key over {@link #CHUNK_COLUMNS}. */
  public static final String CHUNK_KEY =
      " PRIMARY KEY (task_id, source_name, table_schema, table_name, chunk_no)";

  private LedgerTable() {}

  /**
   * Creates the meta schema and {@code table} when missing.
   *
   * @param definition the column and key definitions between the parentheses of CREATE TABLE
   */
  public static void create(Connection target, String table, String definition)
      throws SQLException {
    MetaSchema.ensure(target);
    try (Statement statement = target.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + MetaSchema.table(table) + " ("
          + definition + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
    }
  }

  /**
   * Runs {@code work} in one transaction on {@code connection}: commits when it returns, rolls
   * back when it throws, and restores the connection's auto-commit either way.
   */
  public static void inTransaction(Connection connection, Work work) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      work.run();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}
