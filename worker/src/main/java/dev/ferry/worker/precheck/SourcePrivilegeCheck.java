package dev.ferry.worker.precheck;

import dev.ferry.worker.binlog.BinlogPositions;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.sql.TableRef;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the source user can read every migrated table and, when changes are replicated, read
 * the binlog: SELECT is tried on each table (many tables per statement), the binlog status statement is run (REPLICATION
 * CLIENT, BINLOG MONITOR on MariaDB), and REPLICATION SLAVE is looked up in the grants. When the
 * full load feeds CDC (mode All), LOCK TABLES on the migrated schemas is looked up too: the load
 * holds {@code LOCK TABLES ... READ} for the milliseconds it takes to read the tables'
 * definitions together with a binlog position (each table's copy boundary), and while a table
 * without a usable key starts its snapshot.
 */
final class SourcePrivilegeCheck {

  private static final int TABLE_ACCESS_DENIED = 1142;
  private static final int COLUMN_ACCESS_DENIED = 1143;
  private static final int NO_SUCH_TABLE = 1146;
  private static final int READ = 0;
  private static final int SPECIFIC_ACCESS_DENIED = 1227;
  /** Tables probed by one statement: 10,000 tables take 100 round trips, not 10,000. */
  private static final int PROBED_TOGETHER = 100;

  private SourcePrivilegeCheck() {}

  /**
   * @param locksTables whether the full load feeds CDC (mode All), so that it reads each table's
   *     definition with an exact binlog position
   */
  static Finding check(SourceServer source, boolean readsBinlog, boolean locksTables)
      throws SQLException {
    String statusPrivilege = source.info().flavor() == Flavor.MARIADB ? "BINLOG MONITOR"
        : "REPLICATION CLIENT";
    List<String> missing = new ArrayList<>();
    List<TableRef> unreadable = unreadableTables(source);
    if (!unreadable.isEmpty()) {
      missing.add("SELECT on " + unreadable.size() + " table(s): " + Listing.of(unreadable));
    }
    boolean onlyRolesCouldGrantIt = false;
    if (readsBinlog) {
      if (!canReadBinlogStatus(source)) {
        missing.add(statusPrivilege);
      }
      Grants grants = Grants.read(source.connection());
      if (!grants.hasGlobal("REPLICATION SLAVE")) {
        missing.add("REPLICATION SLAVE");
        onlyRolesCouldGrantIt = missing.size() == 1 && grants.viaRoles();
      }
    }
    List<String> unlockable = locksTables ? unlockableSchemas(source) : List.of();
    if (!unlockable.isEmpty()) {
      boolean first = missing.isEmpty();
      missing.add("LOCK TABLES on " + String.join(", ", unlockable) + " (held for milliseconds"
          + " per batch of tables while the full load reads their definitions with a binlog"
          + " position, so that DDL during the load is replayed exactly)");
      onlyRolesCouldGrantIt = (first || onlyRolesCouldGrantIt) && grants(source).viaRoles();
    }
    if (missing.isEmpty()) {
      return Finding.pass("the user can read the " + source.tables().size() + " table(s)"
          + (readsBinlog ? " and the binlog" : ""));
    }
    String message = "the user lacks " + String.join("; ", missing);
    String remedy = "GRANT SELECT" + (readsBinlog ? ", REPLICATION SLAVE, " + statusPrivilege : "")
        + " ON *.* TO the user (SELECT may be granted on the migrated schemas only)"
        + (unlockable.isEmpty() ? "" : "; GRANT LOCK TABLES ON each schema named (`schema`.*)"
        + " TO the user");
    return onlyRolesCouldGrantIt
        ? Finding.warn(message + " unless a granted role gives it", remedy)
        : Finding.fail(message, remedy);
  }

  private static List<String> unlockableSchemas(SourceServer source) throws SQLException {
    Grants grants = grants(source);
    return source.tables().stream().map(t -> t.source().schema()).distinct()
        .filter(schema -> !grants.missingOnSchema(schema, List.of("LOCK TABLES")).isEmpty())
        .toList();
  }

  private static Grants grants(SourceServer source) throws SQLException {
    return Grants.read(source.connection());
  }

  /**
   * The listed tables the user cannot read, {@value #PROBED_TOGETHER} tables probed per
   * statement: one statement reads no row of each ({@code SELECT *}, so every column needs the
   * privilege); only when it fails are its tables probed one by one, to name each one.
   */
  private static List<TableRef> unreadableTables(SourceServer source) throws SQLException {
    List<TableRef> unreadable = new ArrayList<>();
    List<TableMapping> tables = source.tables();
    try (Statement statement = source.connection().createStatement()) {
      for (int from = 0; from < tables.size(); from += PROBED_TOGETHER) {
        List<TableMapping> batch = tables.subList(from,
            Math.min(tables.size(), from + PROBED_TOGETHER));
        if (batch.size() > 1 && failure(statement, together(batch)) == READ) {
          continue;
        }
        for (TableMapping table : batch) {
          int failure = failure(statement, "SELECT * FROM " + table.source().sql() + " LIMIT 0");
          // a table dropped or renamed since the listing is no failure: the phases follow it
          if (failure != READ && failure != NO_SUCH_TABLE) {
            unreadable.add(table.source());
          }
        }
      }
    }
    return unreadable;
  }

  /** One statement that reads no row of each table, with the privileges a full read needs. */
  private static String together(List<TableMapping> tables) {
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < tables.size(); i++) {
      sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT 1 FROM (SELECT * FROM ")
          .append(tables.get(i).source().sql()).append(" LIMIT 0) AS p").append(i);
    }
    return sql.toString();
  }

  /**
   * Runs {@code probe}: {@link #READ} when it ran, else the error code of a table denied to the
   * user or missing; any other error is thrown.
   */
  private static int failure(Statement statement, String probe) throws SQLException {
    try {
      statement.executeQuery(probe).close();
      return READ;
    } catch (SQLException e) {
      int code = e.getErrorCode();
      if (code != NO_SUCH_TABLE && code != TABLE_ACCESS_DENIED && code != COLUMN_ACCESS_DENIED) {
        throw e;
      }
      return code;
    }
  }

  private static boolean canReadBinlogStatus(SourceServer source) throws SQLException {
    try (Statement statement = source.connection().createStatement()) {
      statement.executeQuery(BinlogPositions.statusStatement(source.info())).close();
      return true;
    } catch (SQLException e) {
      if (e.getErrorCode() == SPECIFIC_ACCESS_DENIED) {
        return false;
      }
      throw e;
    }
  }
}
