package dev.ferry.worker.precheck;

import dev.ferry.api.v1alpha1.SchemaSpec;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.sql.TableRef;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lists the objects of the migrated schemas that the task leaves behind: events always, views,
 * triggers and routines when {@code spec.schema} turns them off, and MySQL expression
 * (functional) indexes of migrated tables when the schema step creates them on MariaDB, which has
 * none.
 */
final class UnsupportedObjectsCheck {

  private UnsupportedObjectsCheck() {}

  /**
   * {@code createsSchema}: whether the schema phase runs (views and the like only move then);
   * {@code target}: the target's flavour.
   */
  static Finding check(SourceServer source, SchemaSpec schema, boolean createsSchema,
      Flavor target) throws SQLException {
    List<String> schemas = SchemaQuery.sourceSchemas(source.tables());
    List<String> left = new ArrayList<>();
    collect(source, "event", "SELECT EVENT_SCHEMA, EVENT_NAME FROM information_schema.EVENTS"
        + " WHERE EVENT_SCHEMA IN (%s)", schemas, left);
    if (createsSchema && !schema.isViews()) {
      collect(source, "view", "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.VIEWS"
          + " WHERE TABLE_SCHEMA IN (%s)", schemas, left);
    }
    if (createsSchema && !schema.isTriggers()) {
      collect(source, "trigger", "SELECT TRIGGER_SCHEMA, TRIGGER_NAME"
          + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN (%s)", schemas, left);
    }
    if (createsSchema && !schema.isRoutines()) {
      collect(source, "routine", "SELECT ROUTINE_SCHEMA, ROUTINE_NAME"
          + " FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN (%s)", schemas, left);
    }
    if (createsSchema && source.info().flavor() == Flavor.MYSQL && target == Flavor.MARIADB) {
      collectExpressionIndexes(source, schemas, left);
    }
    if (left.isEmpty()) {
      return Finding.pass("no event or turned-off object kind in the migrated schemas");
    }
    return Finding.warn(left.size() + " object(s) are not migrated: " + Listing.of(left),
        "create them on the target yourself after cutover (events are never migrated, so they "
            + "do not run twice), or turn views, triggers or routines on in spec.schema; MariaDB "
            + "has no expression indexes: index a generated column with the expression instead");
  }

  private static void collectExpressionIndexes(SourceServer source, List<String> schemas,
      List<String> into) throws SQLException {
    Set<TableRef> migrated = source.tables().stream().map(TableMapping::source)
        .collect(Collectors.toSet());
    SchemaQuery.forEachRow(source.connection(), "SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME,"
        + " INDEX_NAME FROM information_schema.STATISTICS WHERE EXPRESSION IS NOT NULL"
        + " AND TABLE_SCHEMA IN (%s) ORDER BY 1, 2, 3", schemas, rs -> {
          if (migrated.contains(new TableRef(rs.getString(1), rs.getString(2)))) {
            into.add("expression index " + rs.getString(1) + "." + rs.getString(2) + "."
                + rs.getString(3));
          }
        });
  }

  private static void collect(SourceServer source, String kind, String sql, List<String> schemas,
      List<String> into) throws SQLException {
    SchemaQuery.forEachRow(source.connection(), sql, schemas,
        rs -> into.add(kind + " " + rs.getString(1) + "." + rs.getString(2)));
  }
}
