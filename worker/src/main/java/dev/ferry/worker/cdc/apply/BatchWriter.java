package dev.ferry.worker.cdc.apply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Executes row writes on a target connection. With {@code multiRow}, writes of the same kind on
 * the same table share one statement where their order allows (see {@link WriteRuns}): INSERT
 * and REPLACE as one multi-row VALUES list, DELETE by key as one {@code WHERE key IN (...)},
 * UPDATEs as one JDBC batch (one round trip; Connector/J reports each statement's count, and a
 * count it cannot report counts as a miss, so the caller repeats the batch row by row).
 * Identifiers are quoted; values are always parameters.
 */
final class BatchWriter {

  private static final int MAX_PARAMETERS = 30_000;
  private static final long MAX_STATEMENT_BYTES = 4L << 20;

  /**
   * Executes {@code writes}; the caller commits.
   *
   * @throws Divergence when a strict write finds no row (with {@code multiRow}, the message only
   *     names the table; repeat without it to learn the row)
   */
  void write(Connection connection, List<RowWrite> writes, boolean multiRow)
      throws WriteFailure, Divergence {
    if (!multiRow) {
      for (RowWrite write : writes) {
        execute(connection, List.of(write));
      }
      return;
    }
    for (List<RowWrite> run : WriteRuns.of(writes)) {
      int i = 0;
      while (i < run.size()) {
        RowWrite first = run.get(i);
        long parameters = parameters(first);
        long bytes = first.table().written().length + Values.size(first.before())
            + Values.size(first.after());
        int end = i + 1;
        while (end < run.size()) {
          RowWrite next = run.get(end);
          parameters += parameters(next);
          bytes += Values.size(next.before()) + Values.size(next.after());
          if (parameters > MAX_PARAMETERS || bytes > MAX_STATEMENT_BYTES) {
            break;
          }
          end++;
        }
        execute(connection, run.subList(i, end));
        i = end;
      }
    }
  }

  private static long parameters(RowWrite write) {
    return (long) write.table().written().length * 2 + write.table().key().length;
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
      case DELETE -> delete(connection, run);
      case INSERT_IF_ABSENT -> insertIfAbsent(connection, first);
      case UPDATE_MATCH -> expect(first, "UPDATE", updateMatch(connection, first), 1);
      case UPSERT_MATCH -> {
        if (updateMatch(connection, first) == 0) {
          insertIfAbsent(connection, first);
        }
      }
      case DELETE_MATCH -> expect(first, "DELETE", deleteMatch(connection, first), 1);
    }
  }

  private void insert(Connection connection, String verb, List<RowWrite> run)
      throws SQLException {
    TargetTable table = run.get(0).table();
    String row = "(" + String.join(", ", Collections.nCopies(table.written().length, "?")) + ")";
    String sql = verb + " INTO " + table.target().sql() + " ("
        + String.join(", ", table.writtenNames()) + ") VALUES "
        + String.join(", ", Collections.nCopies(run.size(), row));
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      for (RowWrite write : run) {
        index = bindColumns(statement, index, write.after(), table.written());
      }
      statement.executeUpdate();
    }
  }

  private void update(Connection connection, List<RowWrite> run)
      throws SQLException, Divergence {
    TargetTable table = run.get(0).table();
    String sql = "UPDATE " + table.target().sql() + " SET " + assignments(table) + " WHERE "
        + String.join(" AND ", table.keyNames().stream().map(name -> name + " = ?").toList());
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      if (run.size() == 1) {
        RowWrite write = run.get(0);
        bindColumns(statement, bindColumns(statement, 1, write.after(), table.written()),
            write.before(), table.key());
        expect(write, "UPDATE", statement.executeUpdate(), 1);
        return;
      }
      for (RowWrite write : run) {
        bindColumns(statement, bindColumns(statement, 1, write.after(), table.written()),
            write.before(), table.key());
        statement.addBatch();
      }
      int[] counts = statement.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        expect(run.get(i), "UPDATE", counts[i], 1);
      }
    }
  }

  private void delete(Connection connection, List<RowWrite> run)
      throws SQLException, Divergence {
    TargetTable table = run.get(0).table();
    String where;
    if (run.size() == 1) {
      where = String.join(" AND ", table.keyNames().stream().map(name -> name + " = ?").toList());
    } else if (table.key().length == 1) {
      where = table.keyNames().get(0) + " IN ("
          + String.join(", ", Collections.nCopies(run.size(), "?")) + ")";
    } else {
      String tuple = "(" + String.join(", ", Collections.nCopies(table.key().length, "?")) + ")";
      where = "(" + String.join(", ", table.keyNames()) + ") IN ("
          + String.join(", ", Collections.nCopies(run.size(), tuple)) + ")";
    }
    try (PreparedStatement statement = connection.prepareStatement(
        "DELETE FROM " + table.target().sql() + " WHERE " + where)) {
      int index = 1;
      for (RowWrite write : run) {
        index = bindColumns(statement, index, write.before(), table.key());
      }
      expect(run.get(0), "DELETE", statement.executeUpdate(), run.size());
    }
  }

  private void insertIfAbsent(Connection connection, RowWrite write) throws SQLException {
    TargetTable table = write.table();
    String values = String.join(", ", Collections.nCopies(table.written().length, "?"));
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO "
        + table.target().sql() + " (" + String.join(", ", table.writtenNames()) + ") SELECT "
        + values + " FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM " + table.target().sql()
        + " WHERE " + match(table) + ")")) {
      int index = bindColumns(statement, 1, write.after(), table.written());
      bindColumns(statement, index, write.after(), table.written());
      statement.executeUpdate();
    }
  }

  private int updateMatch(Connection connection, RowWrite write) throws SQLException {
    TargetTable table = write.table();
    try (PreparedStatement statement = connection.prepareStatement("UPDATE "
        + table.target().sql() + " SET " + assignments(table) + " WHERE " + match(table)
        + " LIMIT 1")) {
      int index = bindColumns(statement, 1, write.after(), table.written());
      bindColumns(statement, index, write.before(), table.written());
      return statement.executeUpdate();
    }
  }

  private int deleteMatch(Connection connection, RowWrite write) throws SQLException {
    TargetTable table = write.table();
    try (PreparedStatement statement = connection.prepareStatement("DELETE FROM "
        + table.target().sql() + " WHERE " + match(table) + " LIMIT 1")) {
      bindColumns(statement, 1, write.before(), table.written());
      return statement.executeUpdate();
    }
  }

  private static String assignments(TargetTable table) {
    return String.join(", ", table.writtenNames().stream().map(name -> name + " = ?").toList());
  }

  /** NULL-safe equality on every written column. */
  private static String match(TargetTable table) {
    return String.join(" AND ",
        table.writtenNames().stream().map(name -> name + " <=> ?").toList());
  }

  private static int bindColumns(PreparedStatement statement, int first, Object[] row,
      int[] columns) throws SQLException {
    int index = first;
    for (int column : columns) {
      statement.setObject(index++, row[column]);
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
        : expected + " rows by key (found " + found + ")";
    throw new Divergence(verb + " of " + rows + " in target table " + table.target().sql()
        + " found nothing to change outside safe mode: the target has diverged from the source"
        + " (the row was changed or deleted on the target, or the full load missed it)."
        + " Compare the table (validation phase), repair it, and resume the task.");
  }
}
