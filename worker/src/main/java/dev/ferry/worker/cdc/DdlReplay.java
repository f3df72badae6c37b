package dev.ferry.worker.cdc;

import dev.ferry.api.v1alpha1.DdlOperation;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * What the forward and the reverse stream share to replay table DDL from a binlog: whether the
 * table rules' {@code ddl} kinds let a statement through, and running it so that a statement
 * that reached the database before its checkpoint did (right after a resume) is not an error.
 */
public final class DdlReplay {

  /**
   * Table exists, duplicate column, duplicate key, can't drop (missing), unknown table, unknown
   * column (a CHANGE or RENAME COLUMN done), multiple primary keys (an ADD PRIMARY KEY done),
   * database exists, database missing (a DROP DATABASE done).
   */
  private static final Set<Integer> ALREADY_DONE =
      Set.of(1050, 1060, 1061, 1091, 1051, 1146, 1054, 1068, 1007, 1008);

  private DdlReplay() {}

  /**
   * Whether a DDL may already show on the database, asked once per DDL: true for the first DDL a
   * resumed stream runs, and for every DDL within {@code window}
   * ({@code spec.incremental.safeModeWindow}) of the stream's start. The first is exact: a DDL
   * runs with every lane drained and then moves every checkpoint past it in one transaction, so
   * a crash between the two leaves exactly that DDL run but not recorded, and it is the first
   * one the next run does not skip (every later DDL ran only after that one's checkpoints
   * committed). The window covers a schema the user prepared ahead of a chosen start position
   * (mode Incremental); only "already done" errors are skipped, each logged, and no row is ever
   * applied idempotently because of it.
   */
  public static BooleanSupplier mayAlreadyShow(Duration window) {
    Instant end = Instant.now().plus(window);
    AtomicBoolean first = new AtomicBoolean(true);
    return () -> first.getAndSet(false) || Instant.now().isBefore(end);
  }

  /**
   * Whether {@code ddl} is a table DDL kind that the rules of its tables (found with
   * {@code mappings}) replicate. Any other statement (views, triggers, routines, events and the
   * like; database DDL, which the forward stream replays before asking: {@link DatabaseDdl}) is
   * not replayed, and says so in the log.
   */
  public static boolean allowed(DdlChange ddl,
      Function<TableRef, Optional<TableMapping>> mappings, Logger log) {
    DdlOperation operation = operationOf(ddl.kind());
    if (operation == null) {
      log.warn("not replayed (only table DDL is replayed; apply it yourself where the target"
          + " needs it): {}", ddl.sql());
      return false;
    }
    for (TableRef table : ddl.tables()) {
      Optional<TableMapping> mapping = mappings.apply(table);
      if (mapping.isPresent() && !mapping.get().ddl().contains(operation)) {
        log.info("not replayed ({} is not in the rule's ddl list): {}", operation, ddl.sql());
        return false;
      }
    }
    return true;
  }

  /**
   * Runs {@code sql} on {@code database} (foreign key checks off, the binlog off unless
   * {@code writeBinlog}); while {@code replaying}, errors that mean "already done" are logged
   * and ignored.
   */
  public static void execute(Database database, String sql, boolean writeBinlog,
      boolean replaying, Logger log) throws SQLException {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION foreign_key_checks = 0");
      if (!writeBinlog) {
        statement.execute("SET SESSION sql_log_bin = 0");
      }
      statement.execute(sql);
      log.info("applied DDL: {}", sql);
    } catch (SQLException e) {
      if (replaying && ALREADY_DONE.contains(e.getErrorCode())) {
        log.info("DDL already applied before the resume ({}): {}", e.getMessage(), sql);
        return;
      }
      throw e;
    }
  }

  private static DdlOperation operationOf(DdlChange.Kind kind) {
    return switch (kind) {
      case CREATE_TABLE -> DdlOperation.Create;
      case ALTER_TABLE -> DdlOperation.Alter;
      case DROP_TABLE -> DdlOperation.Drop;
      case RENAME_TABLE -> DdlOperation.Rename;
      case TRUNCATE_TABLE -> DdlOperation.Truncate;
      default -> null;
    };
  }
}
