package dev.ferry.worker.engine;

import dev.ferry.testing.DatabaseServer;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the catalog statements a server receives, from its own general query log (written to
 * {@code mysql.general_log}), by kind: reads of {@code information_schema} over whole schemas
 * (whose cost grows with the schema), reads of it for one named table, {@code SHOW CREATE
 * TABLE}, and the other {@code SHOW} statements (but a statement's own {@code SHOW COUNT(*)
 * WARNINGS}).
 */
final class CatalogQueryCounter {

  private static final String ARGUMENT = "CONVERT(argument USING utf8mb4)";

  private final DatabaseServer server;

  CatalogQueryCounter(DatabaseServer server) {
    this.server = server;
  }

  /** Empties the log and starts logging every statement. */
  void start() throws SQLException {
    server.execute("SET GLOBAL general_log = 0", "SET GLOBAL log_output = 'TABLE'",
        "TRUNCATE TABLE mysql.general_log", "SET GLOBAL general_log = 1");
  }

  /** Stops logging; returns the counts by kind since {@link #start}. */
  Map<String, Long> stop() throws SQLException {
    server.execute("SET GLOBAL general_log = 0");
    Map<String, Long> counts = new LinkedHashMap<>();
    String catalog = ARGUMENT + " LIKE '%information\\_schema%'";
    String oneTable = ARGUMENT + " LIKE '%TABLE\\_NAME = %'";
    counts.put("information_schema", count(catalog + " AND NOT (" + oneTable + ")"));
    counts.put("information_schema, one table", count(catalog + " AND " + oneTable));
    counts.put("SHOW CREATE TABLE", count(ARGUMENT + " LIKE 'SHOW CREATE TABLE%'"));
    counts.put("other SHOW", count(ARGUMENT + " LIKE 'SHOW %' AND " + ARGUMENT
        + " NOT LIKE 'SHOW CREATE TABLE%' AND " + ARGUMENT + " NOT LIKE 'SHOW COUNT(*) WARNINGS'"));
    counts.put("all", count("TRUE"));
    return counts;
  }

  private long count(String condition) throws SQLException {
    List<List<Object>> rows = server.query("SELECT COUNT(*) FROM mysql.general_log"
        + " WHERE command_type IN ('Query', 'Execute') AND " + condition);
    return ((Number) rows.get(0).get(0)).longValue();
  }
}
