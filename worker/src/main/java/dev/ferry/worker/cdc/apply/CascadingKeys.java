package dev.ferry.worker.cdc.apply;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The foreign keys of the target that reference a table with a rule that acts on child rows
 * ({@link CascadingKey}), read once per table and forgotten after a DDL.
 */
final class CascadingKeys {

  private static final String SQL = "SELECT k.CONSTRAINT_SCHEMA, k.TABLE_NAME,"
      + " k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE,"
      + " r.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k"
      + " JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
      + " ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME"
      + " AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
      + " WHERE k.REFERENCED_TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME = ?"
      + " AND (r.UPDATE_RULE IN ('CASCADE', 'SET NULL')"
      + " OR r.DELETE_RULE IN ('CASCADE', 'SET NULL'))"
      + " ORDER BY k.CONSTRAINT_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION";

  private final Database target;
  private final Map<TableRef, List<CascadingKey>> keys = new HashMap<>();

  CascadingKeys(Database target) {
    this.target = target;
  }

  /** The acting foreign keys that reference {@code parent} on the target. */
  List<CascadingKey> of(TableRef parent) {
    return keys.computeIfAbsent(parent, this::read);
  }

  /** Forgets what was read: a DDL may have changed the keys. */
  void forget() {
    keys.clear();
  }

  private List<CascadingKey> read(TableRef parent) {
    Map<List<String>, List<String[]>> rows = new LinkedHashMap<>();
    try (Connection connection = target.connection();
        PreparedStatement statement = connection.prepareStatement(SQL)) {
      statement.setString(1, parent.schema());
      statement.setString(2, parent.table());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.computeIfAbsent(List.of(rs.getString(1), rs.getString(2), rs.getString(3)),
              k -> new ArrayList<>()).add(new String[] {rs.getString(4), rs.getString(5),
                  rs.getString(6), rs.getString(7)});
        }
      }
    } catch (SQLException e) {
      throw new FerryException(FailureClassifier.classify(e), "Could not read the foreign keys"
          + " that reference target table " + parent.sql() + ": " + e.getMessage(), e);
    }
    List<CascadingKey> result = new ArrayList<>();
    rows.forEach((id, columns) -> result.add(new CascadingKey(id.get(2),
        new TableRef(id.get(0), id.get(1)), columns.stream().map(c -> c[0]).toList(),
        columns.stream().map(c -> c[1]).toList(), columns.get(0)[2], columns.get(0)[3])));
    return List.copyOf(result);
  }
}
