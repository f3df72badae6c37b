package dev.ferry.worker.schema;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Asks the target whether an object exists (information_schema, exact names): the names of one
 * kind of object in one schema are read once, with one query, and the objects this phase
 * creates are added as it creates them ({@link #created}), so a schema of 10,000 tables costs
 * one query, not 10,000.
 */
final class TargetObjects {

  private final Connection target;
  /** The names read so far, by kind (tables and views share one) and schema. */
  private final Map<String, Set<String>> names = new HashMap<>();

  TargetObjects(Connection target) {
    this.target = target;
  }

  /**
   * Whether an object that would clash with {@code object} of this type exists: tables and
   * views share one name space.
   */
  boolean exists(ObjectType type, TableRef object) throws SQLException {
    return names(type, object.schema()).contains(object.table());
  }

  /** Records that {@code object} was created on the target. */
  void created(ObjectType type, TableRef object) throws SQLException {
    names(type, object.schema()).add(object.table());
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

  private Set<String> names(ObjectType type, String schema) throws SQLException {
    String kind = switch (type) {
      case TABLE, VIEW -> "TABLE";
      default -> type.name();
    };
    String key = kind + "\u0000" + schema;
    Set<String> found = names.get(key);
    if (found == null) {
      found = read(type, schema);
      names.put(key, found);
    }
    return found;
  }

  private Set<String> read(ObjectType type, String schema) throws SQLException {
    String sql = switch (type) {
      case TABLE, VIEW -> "SELECT TABLE_NAME FROM information_schema.TABLES"
          + " WHERE TABLE_SCHEMA = ?";
      case TRIGGER -> "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS"
          + " WHERE TRIGGER_SCHEMA = ?";
      case PROCEDURE, FUNCTION -> "SELECT ROUTINE_NAME FROM information_schema.ROUTINES"
          + " WHERE ROUTINE_SCHEMA = ? AND ROUTINE_TYPE = '" + type.name() + "'";
    };
    Set<String> found = new HashSet<>();
    try (PreparedStatement query = target.prepareStatement(sql)) {
      query.setString(1, schema);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
    }
    return found;
  }
}
