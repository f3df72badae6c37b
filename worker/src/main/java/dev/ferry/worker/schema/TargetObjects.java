package dev.ferry.worker.schema;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Asks the target whether an object exists (information_schema, exact names). */
final class TargetObjects {

  private final Connection target;

  TargetObjects(Connection target) {
    this.target = target;
  }

  /**
   * Whether an object that would clash with {@code object} of this type exists: tables and
   * views share one name space.
   */
  boolean exists(ObjectType type, TableRef object) throws SQLException {
    String sql = switch (type) {
      case TABLE, VIEW -> "SELECT 1 FROM information_schema.TABLES"
          + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
      case TRIGGER -> "SELECT 1 FROM information_schema.TRIGGERS"
          + " WHERE TRIGGER_SCHEMA = ? AND TRIGGER_NAME = ?";
      case PROCEDURE, FUNCTION -> "SELECT 1 FROM information_schema.ROUTINES"
          + " WHERE ROUTINE_SCHEMA = ? AND ROUTINE_NAME = ? AND ROUTINE_TYPE = '"
          + type.name() + "'";
    };
    try (PreparedStatement query = target.prepareStatement(sql)) {
      query.setString(1, object.schema());
      query.setString(2, object.table());
      try (ResultSet rs = query.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Whether a table or view {@code table} exists, for foreign keys to unmigrated tables. */
  boolean tableExists(TableRef table) {
    try {
      return exists(ObjectType.TABLE, table);
    } catch (SQLException e) {
      throw new FerryException(FailureClassifier.classify(e), "cannot look up " + table
          + " on the target: " + e.getMessage(), e);
    }
  }
}
