package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.target.EnumErrorWrites;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Executes row writes on one target connection. With {@code multiRow}, writes of the same kind
 * on the same table share one statement where their order allows (see {@link WriteRuns}):
 * INSERT and REPLACE as one multi-row VALUES list; UPDATEs that keep the key as one
 * {@code INSERT ... ON DUPLICATE KEY UPDATE}, whose affected-row count (2 per updated row)
 * proves that every row existed; DELETE by key as one {@code WHERE key IN (...)}; other UPDATEs
 * as one JDBC batch (one round trip; Connector/J reports each statement's count, and a count it
 * cannot report counts as a miss). A count that does not match makes the caller repeat the batch
 * row by row, which names the missing row. Statements are prepared once on the server and kept
 * (see {@link StatementCache}); so that few are needed, a run of more than {@value #EXACT_ROWS}
 * rows is cut into statements of power-of-two sizes. Values are always parameters.
 */
final class BatchWriter implements AutoCloseable {

  static final int EXACT_ROWS = 16;
  private static final int MAX_PARAMETERS = 30_000;
  private static final long MAX_STATEMENT_BYTES = 4L << 20;

  private final StatementCache statements;
  private final String sqlMode;

  /** @param session the settings of the apply sessions */
  BatchWriter(ApplySession session) {
    this.sqlMode = session.sqlMode();
    this.statements = new StatementCache(session.preparesOnServer());
  }

  /** What a cached statement does: its SQL is a function of these. */
  private record StatementKey(TargetTable table, String verb, int rows) {}

  /**
   * Executes {@code writes}; the caller commits.
   *
   * @throws Divergence when a strict write changes another number of rows than its own (with
   *     {@code multiRow}, the message only names the table; repeat without it to learn the row)
   */
  void write(Connection connection, List<RowWrite> writes, boolean multiRow)
      throws WriteFailure, Divergence {
    if (!multiRow || writes.stream().anyMatch(BatchWriter::writesEnumError)) {
      for (RowWrite write : writes) {
        executeAlone(connection, write);
      }
      return;
    }
    for (List<RowWrite> run : WriteRuns.of(writes)) {
      int i = 0;
      while (i < run.size()) {
        int end = i + statementRows(run, i);
        execute(connection, run.subList(i, end));
        i = end;
      }
    }
  }

  /** Closes the kept statements. */
  @Override
  public void close() {
    statements.close();
  }

  /** How many writes of {@code run} from {@code from} on go into one statement. */
  static int statementRows(List<RowWrite> run, int from) {
    if (!run.get(from).kind().multiRow()) {
      return 1;
    }
    RowWrite first = run.get(from);
    long parameters = parameters(first);
    long bytes = first.size();
    int end = from + 1;
    while (end < run.size()) {
      RowWrite next = run.get(end);
      parameters += parameters(next);
      bytes += next.size();
      if (parameters > MAX_PARAMETERS || bytes > MAX_STATEMENT_BYTES) {
        break;
      }
      end++;
    }
    int rows = end - from;
    return rows <= EXACT_ROWS || first.kind() == RowWrite.Kind.UPDATE ? rows
        : Integer.highestOneBit(rows);
  }

  private static long parameters(RowWrite write) {
    return (long) write.table().written().length * 2 + write.table().key().length;
  }

  /** Whether {@code write} assigns the ENUM error value (see {@link EnumErrorWrites}). */
  private static boolean writesEnumError(RowWrite write) {
    return write.table().holdsEnumError(write.after());
  }

  /** Executes one write; one that assigns the ENUM error value through {@link EnumErrorWrites}. */
  private void executeAlone(Connection connection, RowWrite write)
      throws WriteFailure, Divergence {
    Set<String> enumErrors = write.table().enumErrors(write.after());
    if (enumErrors.isEmpty()) {
      execute(connection, List.of(write));
      return;
    }
    try {
      EnumErrorWrites.run(connection, sqlMode, enumErrors, () -> {
        executeRun(connection, List.of(write));
        return null;
      });
    } catch (SQLException e) {
      throw new WriteFailure(write.table().target(), e);
    }
  }

  private void execute(Connection connection, List<RowWrite> run)
      throws WriteFailure, Divergence {
    try {
      executeRun(connection, run);
    } catch (SQLException e) {
      throw new WriteFailure(run.get(0).table().target(), e);
    }
  }

  private void executeRun(Connection connection, List<RowWrite> run)
      throws SQLException, Divergence {
    RowWrite first = run.get(0);
    switch (first.kind()) {
      case INSERT -> insert(connection, "INSERT", run);
      case UPSERT -> insert(connection, "REPLACE", run);
      case UPDATE -> update(connection, run);
      case REWRITE -> {
        if (run.size() == 1) {
          update(connection, run);
        } else {
          rewrite(connection, run);
        }
      }
      case DELETE -> delete(connection, run);
      case UPDATE_MATCH -> expect(first, "UPDATE", updateMatch(connection, first), 1);
      case DELETE_MATCH -> expect(first, "DELETE", deleteMatch(connection, first), 1);
    }
  }

  private void insert(Connection connection, String verb, List<RowWrite> run)
      throws SQLException {
    TargetTable table = run.get(0).table();
    PreparedStatement statement = statements.get(connection,
        new StatementKey(table, verb, run.size()), () -> WriteSql.insert(verb, table, run.size()),
        true);
    int index = 1;
    for (RowWrite write : run) {
      index = bindColumns(statement, index, write.after(), table.written());
    }
    statement.executeUpdate();
  }

  private void update(Connection connection, List<RowWrite> run)
      throws SQLException, Divergence {
    TargetTable table = run.get(0).table();
    if (run.size() == 1) {
      RowWrite write = run.get(0);
      PreparedStatement statement = statements.get(connection,
          new StatementKey(table, "UPDATE", 1), () -> WriteSql.update(table), true);
      bindColumns(statement, bindColumns(statement, 1, write.after(), table.written()),
          write.before(), table.key());
      expect(write, "UPDATE", statement.executeUpdate(), 1);
      return;
    }
    PreparedStatement statement = statements.get(connection,
        new StatementKey(table, "UPDATE BATCH", 1), () -> WriteSql.update(table), false);
    int[] counts;
    try {
      for (RowWrite write : run) {
        bindColumns(statement, bindColumns(statement, 1, write.after(), table.written()),
            write.before(), table.key());
        statement.addBatch();
      }
      counts = statement.executeBatch();
    } finally {
      statement.clearBatch();
    }
    for (int i = 0; i < counts.length; i++) {
      expect(run.get(i), "UPDATE", counts[i], 1);
    }
  }

  private void rewrite(Connection connection, List<RowWrite> run)
      throws SQLException, Divergence {
    TargetTable table = run.get(0).table();
    PreparedStatement statement = statements.get(connection,
        new StatementKey(table, "REWRITE", run.size()), () -> WriteSql.rewrite(table, run.size()),
        true);
    int index = 1;
    for (RowWrite write : run) {
      index = bindColumns(statement, index, write.after(), table.written());
    }
    int affected = statement.executeUpdate();
    if (affected != 2 * run.size()) {
      throw new Divergence("UPDATE of " + run.size() + " rows by key in target table "
          + table.target().sql() + " did not change every row (" + affected + " affected rows"
          + " where " + 2 * run.size() + " mean all were found and changed)", affected);
    }
  }

  private void delete(Connection connection, List<RowWrite> run)
      throws SQLException, Divergence {
    TargetTable table = run.get(0).table();
    PreparedStatement statement = statements.get(connection,
        new StatementKey(table, "DELETE", run.size()), () -> WriteSql.delete(table, run.size()),
        true);
    int index = 1;
    for (RowWrite write : run) {
      index = bindColumns(statement, index, write.before(), table.key());
    }
    expect(run.get(0), "DELETE", statement.executeUpdate(), run.size());
  }

  private int updateMatch(Connection connection, RowWrite write) throws SQLException {
    TargetTable table = write.table();
    PreparedStatement statement = statements.get(connection,
        new StatementKey(table, "UPDATE_MATCH", 1), () -> WriteSql.updateMatch(table), true);
    int index = bindColumns(statement, 1, write.after(), table.written());
    bindColumns(statement, index, write.before(), table.written());
    return statement.executeUpdate();
  }

  private int deleteMatch(Connection connection, RowWrite write) throws SQLException {
    TargetTable table = write.table();
    PreparedStatement statement = statements.get(connection,
        new StatementKey(table, "DELETE_MATCH", 1), () -> WriteSql.deleteMatch(table), true);
    bindColumns(statement, 1, write.before(), table.written());
    return statement.executeUpdate();
  }

  /**
   * Binds the values of {@code columns}. A {@link BigInteger} (BIGINT UNSIGNED above the signed
   * range) goes as a DECIMAL: Connector/J's binary protocol sends it in a form MariaDB rejects as
   * out of range.
   */
  static int bindColumns(PreparedStatement statement, int first, Object[] row,
      int[] columns) throws SQLException {
    int index = first;
    for (int column : columns) {
      Object value = row[column];
      if (value instanceof BigInteger big) {
        statement.setBigDecimal(index++, new BigDecimal(big));
      } else {
        statement.setObject(index++, value);
      }
    }
    return index;
  }

  private static void expect(RowWrite write, String verb, int found, int expected)
      throws Divergence {
    if (!write.strict() || found == expected) {
      return;
    }
    TargetTable table = write.table();
    String rows = expected == 1
        ? "the row " + (table.keyless() ? "equal to " : "with key ")
            + table.describeKey(write.before())
        : expected + " rows by key";
    throw new Divergence(verb + " of " + rows + " in target table " + table.target().sql()
        + " changed " + found + " rows outside safe mode", found);
  }
}
