package dev.ferry.worker.sql;

import java.util.List;

/**
 * A schema change as {@link DdlReader} classifies it (for CDC: as read from the binlog).
 *
 * @param defaultSchema the session's current schema when the statement ran (may be null)
 * @param sql the statement as the source logged it
 * @param kind what it does
 * @param tables the tables it creates, alters, drops, renames (from, then to) or truncates
 */
public record DdlChange(String defaultSchema, String sql, Kind kind, List<TableRef> tables) {

  public DdlChange {
    tables = List.copyOf(tables);
  }

  /** Kinds of DDL the engine distinguishes. */
  public enum Kind {
    CREATE_TABLE,
    /** ALTER TABLE, and CREATE/DROP INDEX ... ON a table. */
    ALTER_TABLE,
    DROP_TABLE,
    RENAME_TABLE,
    TRUNCATE_TABLE,
    CREATE_DATABASE,
    DROP_DATABASE,
    /** Anything else (views, routines, users, ...): not replicated, logged. */
    OTHER
  }
}
