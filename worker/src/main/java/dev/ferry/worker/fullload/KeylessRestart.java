package dev.ferry.worker.fullload;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.meta.MetaSchema;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What happens to a table without a usable key whose single stream was cut off: its rows cannot
 * be told apart, so the partial copy is removed and the table copied again. That is only safe
 * when Ferry created the target table (recorded in {@code ferry_meta.schema_objects}); for a
 * table the user created, the load stops and says what to do.
 */
final class KeylessRestart {

  private static final String OBJECTS = "schema_objects";

  private KeylessRestart() {}

  /** Empties {@code target} for a fresh copy, or fails when Ferry did not create it. */
  static void prepare(Connection connection, String taskId, TableRef source, TableRef target)
      throws SQLException {
    if (!createdByFerry(connection, taskId, target)) {
      throw new FerryException(FailureClass.Fatal, "the copy of table " + source
          + " (no primary key or NOT NULL unique key) into " + target + " was interrupted and"
          + " cannot be resumed: its rows cannot be told apart and Ferry did not create " + target
          + ", so it will not empty it. Empty " + target + " yourself (TRUNCATE TABLE) and retry,"
          + " or add a primary key to the source table");
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE TABLE " + target.sql());
    }
  }

  private static boolean createdByFerry(Connection connection, String taskId, TableRef target)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM "
        + MetaSchema.table(OBJECTS) + " WHERE task_id = ? AND object_type = 'TABLE'"
        + " AND schema_name = ? AND object_name = ?")) {
      statement.setString(1, taskId);
      statement.setString(2, target.schema());
      statement.setString(3, target.table());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      if (e.getErrorCode() == 1146) {
        return false;
      }
      throw e;
    }
  }
}
