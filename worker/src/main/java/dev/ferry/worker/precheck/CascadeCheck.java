package dev.ferry.worker.precheck;

import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.TableRef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds foreign keys whose cascades the target cannot reproduce. The source does not write the
 * rows a cascade ({@code ON DELETE CASCADE}, {@code SET NULL}, {@code ON UPDATE CASCADE}) changes
 * to its binlog; the target repeats them from the parent's change (see the CDC apply). That
 * fails when only one end of the key is migrated: a migrated child of a parent that is not (or
 * lies in an excluded schema) misses every cascade, and a child that is not migrated cannot
 * follow its migrated parent.
 */
final class CascadeCheck {

  private static final String SQL = "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME,"
      + " UNIQUE_CONSTRAINT_SCHEMA, REFERENCED_TABLE_NAME, UPDATE_RULE, DELETE_RULE"
      + " FROM information_schema.REFERENTIAL_CONSTRAINTS"
      + " WHERE (CONSTRAINT_SCHEMA IN (%1$s) OR UNIQUE_CONSTRAINT_SCHEMA IN (%1$s))"
      + " AND (UPDATE_RULE IN ('CASCADE', 'SET NULL') OR DELETE_RULE IN ('CASCADE', 'SET NULL'))"
      + " ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME";

  private CascadeCheck() {}

  static Finding check(SourceServer source) throws SQLException {
    Set<TableRef> migrated = source.tables().stream().map(TableMapping::source)
        .collect(Collectors.toSet());
    List<String> schemas = migrated.stream().map(TableRef::schema).distinct().toList();
    if (schemas.isEmpty()) {
      return Finding.pass("no migrated table");
    }
    List<String> unreachable = new ArrayList<>();
    String in = String.join(", ", Collections.nCopies(schemas.size(), "?"));
    try (PreparedStatement statement = source.connection().prepareStatement(
        String.format(SQL, in))) {
      for (int i = 0; i < schemas.size(); i++) {
        statement.setString(1 + i, schemas.get(i));
        statement.setString(1 + schemas.size() + i, schemas.get(i));
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          TableRef child = new TableRef(rs.getString(1), rs.getString(2));
          TableRef parent = new TableRef(rs.getString(4), rs.getString(5));
          if (migrated.contains(child) != migrated.contains(parent)) {
            unreachable.add(rs.getString(3) + " (" + child + " → " + parent + ", ON UPDATE "
                + rs.getString(6) + ", ON DELETE " + rs.getString(7) + (migrated.contains(child)
                    ? ": parent not migrated)" : ": child not migrated)"));
          }
        }
      }
    }
    if (unreachable.isEmpty()) {
      return Finding.pass("every foreign key with a cascading rule has both tables migrated");
    }
    return Finding.warn(unreachable.size() + " foreign key(s) with a cascading rule join a"
            + " migrated table to one that is not: " + Listing.of(unreachable) + ". The source"
            + " carries out these cascades without writing the changed child rows to its binlog,"
            + " so the target cannot repeat them and the child table will differ",
        "migrate both tables of each such key (adjust spec.objects include/exclude), or accept"
            + " that the child table on the target does not follow the cascades");
  }
}
