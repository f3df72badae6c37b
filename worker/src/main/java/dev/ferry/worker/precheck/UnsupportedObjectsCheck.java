package dev.ferry.worker.precheck;

import dev.ferry.api.v1alpha1.SchemaSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the objects of the migrated schemas that the task leaves behind: events always, and
 * views, triggers and routines when {@code spec.schema} turns them off.
 */
final class UnsupportedObjectsCheck {

  private UnsupportedObjectsCheck() {}

  /** {@code createsSchema}: whether the schema phase runs (views and the like only move then). */
  static Finding check(SourceServer source, SchemaSpec schema, boolean createsSchema)
      throws SQLException {
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
    if (left.isEmpty()) {
      return Finding.pass("no event or turned-off object kind in the migrated schemas");
    }
    return Finding.warn(left.size() + " object(s) are not migrated: " + Listing.of(left),
        "create them on the target yourself after cutover (events are never migrated, so they "
            + "do not run twice), or turn views, triggers or routines on in spec.schema");
  }

  private static void collect(SourceServer source, String kind, String sql, List<String> schemas,
      List<String> into) throws SQLException {
    SchemaQuery.forEachRow(source.connection(), sql, schemas,
        rs -> into.add(kind + " " + rs.getString(1) + "." + rs.getString(2)));
  }
}
