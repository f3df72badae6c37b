package dev.ferry.worker.engine;

import dev.ferry.api.v1alpha1.HeartbeatSpec;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.worker.cdc.FenceTriggers;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.Endpoint;
import dev.ferry.worker.db.SecretReader;
import dev.ferry.worker.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What Ferry leaves on a task's sources, for {@code ferry cleanup} to list: the cutover's fence
 * triggers and the heartbeat table. Neither is keyed by a run (a fence stays after the cutover on
 * purpose, like {@code read_only}), so they are listed with the statement that removes them and
 * left to the user.
 */
public final class SourceState {

  private SourceState() {}

  /** One line per object found on each source of {@code spec}, or why a source was not read. */
  public static List<String> describe(MigrationTaskSpec spec, SecretReader secrets) {
    List<String> lines = new ArrayList<>();
    for (SourceSpec source : spec.getSources()) {
      try (Connection connection = Database.connectOnce(
          Endpoint.of(source.getName(), source, secrets))) {
        for (String trigger : new TreeSet<>(FenceTriggers.existing(connection))) {
          lines.add("source " + source.getName() + ": fence trigger " + trigger
              + " (remove after a rollback: DROP TRIGGER " + quoted(trigger) + ")");
        }
        HeartbeatSpec heartbeat = spec.getIncremental().getHeartbeat();
        if (heartbeat != null && hasHeartbeatTable(connection, heartbeat.getSchema())) {
          lines.add("source " + source.getName() + ": heartbeat table " + heartbeat.getSchema()
              + ".heartbeat (remove when no task uses it)");
        }
      } catch (SQLException | RuntimeException e) {
        lines.add("source " + source.getName() + ": not read (" + e.getMessage() + ")");
      }
    }
    return lines;
  }

  private static boolean hasHeartbeatTable(Connection connection, String schema)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM"
        + " information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'heartbeat'")) {
      statement.setString(1, schema);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() && result.getLong(1) > 0;
      }
    }
  }

  private static String quoted(String schemaDotTrigger) {
    int dot = schemaDotTrigger.indexOf('.');
    return Sql.qualified(schemaDotTrigger.substring(0, dot),
        schemaDotTrigger.substring(dot + 1));
  }
}
