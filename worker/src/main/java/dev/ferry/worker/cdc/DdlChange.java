package dev.ferry.worker.cdc;

import dev.ferry.worker.catalog.TableRef;
import java.util.List;

/**
 * A schema change read from the binlog.
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
