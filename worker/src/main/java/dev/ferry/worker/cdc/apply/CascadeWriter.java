package dev.ferry.worker.cdc.apply;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.cdc.change.RowOperation;
import dev.ferry.worker.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a transaction that changes child rows through foreign keys (see
 * {@link TargetChange#cascades()}) so that the target carries out the same cascades as the
 * source did: the binlog holds only the parent's change, and apply sessions otherwise run
 * without foreign key checks. The caller runs it with every lane drained (the cascade touches
 * rows of other lanes) and commits.
 *
 * <p>Each cascading change is written as a real DELETE or UPDATE of the parent row with the
 * session's foreign key checks on, so the target's own rules act on every level below it. In
 * safe mode the target may not hold the parent row yet while it holds children copied before
 * the change, so the first level is also written explicitly (delete, or set to the new values
 * or NULL, the child rows that reference the old values): a child row that the source still
 * holds with those values after the change was written by a later event, which is replayed
 * after this one. Other changes are written as usual, without foreign key checks.
 */
final class CascadeWriter {

  private final BatchWriter writer;

  CascadeWriter(BatchWriter writer) {
    this.writer = writer;
  }

  /** Writes {@code changes} (with their causality keys) on {@code connection}. */
  void write(Connection connection, List<TargetChange> changes, List<List<String>> keys,
      boolean safeMode) throws SQLException {
    try {
      for (int i = 0; i < changes.size(); i++) {
        TargetChange change = changes.get(i);
        if (!change.cascades()) {
          writer.write(connection, RowWrite.of(change, keys.get(i), change.size(), safeMode),
              false);
          continue;
        }
        boolean delete = change.operation() == RowOperation.DELETE;
        RowWrite parent = new RowWrite(delete ? RowWrite.Kind.DELETE : RowWrite.Kind.UPDATE,
            change.table(), change.before(), delete ? null : change.after(), !safeMode,
            keys.get(i), change.size());
        foreignKeyChecks(connection, true);
        writer.write(connection, List.of(parent), false);
        foreignKeyChecks(connection, false);
        if (safeMode) {
          if (!delete) {
            writer.write(connection, RowWrite.of(change, keys.get(i), change.size(), true),
                false);
          }
          foreignKeyChecks(connection, true);
          writeChildren(connection, change);
          foreignKeyChecks(connection, false);
        }
      }
    } catch (WriteFailure failure) {
      throw failure.sqlCause();
    } catch (Divergence divergence) {
      // outside safe mode a parent row the target lacks is a divergence, as in every lane
      throw new FerryException(FailureClass.Fatal, divergence.getMessage());
    }
  }

  /** The first level of the cascades of {@code change}, written explicitly. */
  private static void writeChildren(Connection connection, TargetChange change)
      throws SQLException {
    boolean delete = change.operation() == RowOperation.DELETE;
    for (TargetTable.ParentKey parent : change.table().parentKeys()) {
      CascadingKey key = parent.key();
      String rule = delete ? key.onDelete() : key.onUpdate();
      if (!CascadingKey.acts(rule) || parent.referenced() == null
          || !delete && !parent.changed(change.before(), change.after())
          || hasNull(change.before(), parent.referenced())) {
        continue;
      }
      String where = key.columns().stream().map(c -> Sql.quote(c) + " = ?")
          .collect(Collectors.joining(" AND "));
      String sql;
      int first = 1;
      if (delete && rule.equals("CASCADE")) {
        sql = "DELETE FROM " + key.child().sql() + " WHERE " + where;
      } else {
        boolean setNull = rule.equals("SET NULL");
        sql = "UPDATE " + key.child().sql() + " SET " + key.columns().stream()
            .map(c -> Sql.quote(c) + (setNull ? " = NULL" : " = ?"))
            .collect(Collectors.joining(", ")) + " WHERE " + where;
        first = setNull ? 1 : 1 + parent.referenced().length;
      }
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        if (first > 1) {
          BatchWriter.bindColumns(statement, 1, change.after(), parent.referenced());
        }
        BatchWriter.bindColumns(statement, first, change.before(), parent.referenced());
        statement.executeUpdate();
      }
    }
  }

  private static boolean hasNull(Object[] row, int[] columns) {
    for (int column : columns) {
      if (row[column] == null) {
        return true;
      }
    }
    return false;
  }

  private static void foreignKeyChecks(Connection connection, boolean on) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION foreign_key_checks = " + (on ? 1 : 0));
    }
  }
}
