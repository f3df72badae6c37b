package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The foreign keys of the target that reference a table with a rule that acts on child rows
 * ({@link CascadingKey}), read for every parent table of a schema at once ({@link SchemaWide})
 * and forgotten after a DDL.
 */
final class CascadingKeys {

  private static final String SQL = "SELECT k.REFERENCED_TABLE_NAME, k.CONSTRAINT_SCHEMA,"
      + " k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_COLUMN_NAME,"
      + " r.UPDATE_RULE, r.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k"
      + " JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
      + " ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME"
      + " AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
      + " WHERE k.REFERENCED_TABLE_SCHEMA = ?"
      + " AND (r.UPDATE_RULE IN ('CASCADE', 'SET NULL')"
      + " OR r.DELETE_RULE IN ('CASCADE', 'SET NULL'))"
      + " ORDER BY k.REFERENCED_TABLE_NAME, k.CONSTRAINT_SCHEMA, k.TABLE_NAME,"
      + " k.CONSTRAINT_NAME, k.ORDINAL_POSITION";

  private final SchemaWide<List<CascadingKey>> keys;

  CascadingKeys(Database target) {
    this.keys = new SchemaWide<>(target, "the foreign keys that reference",
        CascadingKeys::read, List.of());
  }

  /** The acting foreign keys that reference {@code parent} on the target. */
  List<CascadingKey> of(TableRef parent) {
    return keys.of(parent);
  }

  /** Forgets what was read: a DDL may have changed the keys. */
  void forget() {
    keys.forget();
  }

  /** The acting keys of every parent table in {@code schema}, by the parent's name. */
  private static Map<String, List<CascadingKey>> read(Connection connection, String schema)
      throws SQLException {
    Map<String, Map<List<String>, List<String[]>>> rows = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(SQL)) {
      statement.setString(1, schema);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.computeIfAbsent(rs.getString(1), parent -> new LinkedHashMap<>())
              .computeIfAbsent(List.of(rs.getString(2), rs.getString(3), rs.getString(4)),
                  k -> new ArrayList<>()).add(new String[] {rs.getString(5), rs.getString(6),
                      rs.getString(7), rs.getString(8)});
        }
      }
    }
    Map<String, List<CascadingKey>> result = new LinkedHashMap<>();
    rows.forEach((parent, byKey) -> {
      List<CascadingKey> list = new ArrayList<>();
      byKey.forEach((id, columns) -> list.add(new CascadingKey(id.get(2),
          new TableRef(id.get(0), id.get(1)), columns.stream().map(c -> c[0]).toList(),
          columns.stream().map(c -> c[1]).toList(), columns.get(0)[2], columns.get(0)[3])));
      result.put(parent, List.copyOf(list));
    });
    return result;
  }
}
