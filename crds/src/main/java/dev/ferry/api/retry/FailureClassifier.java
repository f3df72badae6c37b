package dev.ferry.api.retry;

import static dev.ferry.api.v1alpha1.FailureClass.Connection;
import static dev.ferry.api.v1alpha1.FailureClass.Fatal;
import static dev.ferry.api.v1alpha1.FailureClass.Other;

import dev.ferry.api.v1alpha1.FailureClass;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides the {@link FailureClass} of a failure, which decides its retry window.
 *
 * <p>The cause chain is read twice from the outermost exception inwards. First, the first
 * exception that is specific decides:
 *
 * <ol>
 *   <li>a {@link FerryException} carries the class the engine chose;
 *   <li>an {@link SQLException} with a known MySQL/MariaDB error code: Connection for 1040,
 *       1053, 1129, 1152, 1203, 1927, 2002, 2003, 2006, 2013, 3032, 4031; Fatal for 1236 and for
 *       a missing privilege or database (1044, 1049, 1142, 1143, 1227, 1370, with a
 *       {@linkplain #remedy remedy}); Other for 1045 (access denied), 1153, 1205, 1213.
 * </ol>
 *
 * <p>So a connection pool's generic "connection not available" wrapped around an access-denied
 * error is still Other. Only when nothing is specific, the first generic sign decides:
 *
 * <ol>
 *   <li>an {@link SQLException} whose SQLState is in class {@code 08} (connection exception), or
 *       a JDBC connection exception type ({@link SQLTransientConnectionException},
 *       {@link SQLNonTransientConnectionException}, {@link SQLRecoverableException}, which
 *       Connector/J's communications failure extends);
 *   <li>a network failure: {@link SocketException} (including {@code ConnectException} and
 *       {@code NoRouteToHostException}), {@link SocketTimeoutException},
 *       {@link UnknownHostException}, {@link EOFException}.
 * </ol>
 *
 * <p>A chain where nothing says anything is {@link FailureClass#Other}. Errors that are not
 * SQLExceptions but carry a server error code (the binlog client's {@code ServerException} for
 * error 1236, for example) must be wrapped in a {@link FerryException} by the engine.
 */
public final class FailureClassifier {

  /**
   * Classes of MySQL/MariaDB error codes, checked before the SQLState so that codes filed under
   * SQLState 08 that are not connection failures, and connection failures filed elsewhere, land
   * in the right window. Sources: MySQL 8.0 Error Reference (server and client errors),
   * Connector/J "Mapping of MySQL Error Numbers to SQLStates", MariaDB error code reference.
   */
  private static final Map<Integer, FailureClass> VENDOR_CODES = Map.ofEntries(
      // ER_CON_COUNT_ERROR (08004): Too many connections.
      Map.entry(1040, Connection),
      // ER_SERVER_SHUTDOWN (08S01): Server shutdown in progress.
      Map.entry(1053, Connection),
      // ER_HOST_IS_BLOCKED (HY000): Host is blocked because of many connection errors.
      Map.entry(1129, Connection),
      // ER_ABORTING_CONNECTION (08S01): Aborted connection to db.
      Map.entry(1152, Connection),
      // ER_TOO_MANY_USER_CONNECTIONS (42000): User already has more than
      // 'max_user_connections' active connections; like 1040, it clears when others disconnect.
      Map.entry(1203, Connection),
      // ER_CONNECTION_KILLED (70100, MariaDB): Connection was killed.
      Map.entry(1927, Connection),
      // CR_CONNECTION_ERROR: Can't connect to local MySQL server through socket.
      Map.entry(2002, Connection),
      // CR_CONN_HOST_ERROR: Can't connect to MySQL server on host.
      Map.entry(2003, Connection),
      // CR_SERVER_GONE_ERROR: MySQL server has gone away.
      Map.entry(2006, Connection),
      // CR_SERVER_LOST: Lost connection to MySQL server during query.
      Map.entry(2013, Connection),
      // ER_SERVER_OFFLINE_MODE: The server is currently in offline mode.
      Map.entry(3032, Connection),
      // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8.0.24+): disconnected because of inactivity.
      Map.entry(4031, Connection),
      // ER_MASTER_FATAL_ERROR_READING_BINLOG / ER_SOURCE_FATAL_ERROR_READING_BINLOG (HY000):
      // the binlog position or GTIDs to resume from were purged or are unknown; retrying
      // cannot bring them back, and skipping them would lose changes.
      Map.entry(1236, Fatal),
      // A missing privilege or database: no retry brings it; a DBA grants the privilege or
      // creates the database, then the task is applied again (see REMEDIES).
      // ER_DBACCESS_DENIED_ERROR (42000): Access denied for user to database.
      Map.entry(1044, Fatal),
      // ER_BAD_DB_ERROR (42000): Unknown database.
      Map.entry(1049, Fatal),
      // ER_TABLEACCESS_DENIED_ERROR (42000): command denied to user for table.
      Map.entry(1142, Fatal),
      // ER_COLUMNACCESS_DENIED_ERROR (42000): command denied to user for column.
      Map.entry(1143, Fatal),
      // ER_SPECIFIC_ACCESS_DENIED_ERROR (42000): you need (at least one of) the X privilege(s).
      Map.entry(1227, Fatal),
      // ER_PROCACCESS_DENIED_ERROR (42000): command denied to user for routine.
      Map.entry(1370, Fatal),
      // ER_ACCESS_DENIED_ERROR (28000): Other, not Fatal, because the usual fix is to correct
      // the credentials Secret, which the next attempt (a new worker pod) reads; not
      // Connection, so a wrong password fails within the short window instead of 12 hours.
      Map.entry(1045, Other),
      // ER_NET_PACKET_TOO_LARGE (08S01): the SQLState says connection, but the cause is a
      // too small max_allowed_packet, which waiting does not fix.
      Map.entry(1153, Other),
      // ER_LOCK_WAIT_TIMEOUT (HY000): Lock wait timeout exceeded.
      Map.entry(1205, Other),
      // ER_LOCK_DEADLOCK (40001): Deadlock found when trying to get lock.
      Map.entry(1213, Other));

  /** What a user does about a Fatal error code, appended to the failure's message. */
  private static final Map<Integer, String> REMEDIES = Map.of(
      1044, "grant the task's user the privileges the precheck lists on that database",
      1049, "create the database, or correct the name in the task's spec",
      1142, "grant the task's user the privilege named above on that table",
      1143, "grant the task's user the privilege named above on that column",
      1227, "grant the task's user the privilege named above",
      1370, "grant the task's user the privilege named above on that routine");

  private static final String CONNECTION_SQLSTATE_CLASS = "08";

  private FailureClassifier() {}

  /** The class of {@code failure}; {@link FailureClass#Other} when nothing in it is known. */
  public static FailureClass classify(Throwable failure) {
    List<Throwable> chain = CauseChain.of(failure);
    return firstVerdict(chain, FailureClassifier::specificVerdict)
        .or(() -> firstVerdict(chain, FailureClassifier::genericVerdict))
        .orElse(Other);
  }

  /**
   * What to do about {@code failure} when it is a missing privilege or database (the first such
   * error code in its causes), ending with why it is not retried; empty for anything else.
   */
  public static Optional<String> remedy(Throwable failure) {
    return CauseChain.of(failure).stream()
        .filter(SQLException.class::isInstance)
        .map(e -> REMEDIES.get(((SQLException) e).getErrorCode()))
        .filter(Objects::nonNull)
        .findFirst()
        .map(what -> what + ", then apply the task again: no retry brings a missing privilege"
            + " or database");
  }

  private static Optional<FailureClass> firstVerdict(List<Throwable> chain,
      Function<Throwable, Optional<FailureClass>> verdict) {
    return chain.stream().map(verdict).flatMap(Optional::stream).findFirst();
  }

  private static Optional<FailureClass> specificVerdict(Throwable failure) {
    if (failure instanceof FerryException ferry) {
      return Optional.of(ferry.failureClass());
    }
    if (failure instanceof SQLException sql) {
      return Optional.ofNullable(VENDOR_CODES.get(sql.getErrorCode()));
    }
    return Optional.empty();
  }

  private static Optional<FailureClass> genericVerdict(Throwable failure) {
    if (failure instanceof SQLException sql) {
      return sqlVerdict(sql);
    }
    if (failure instanceof SocketException
        || failure instanceof SocketTimeoutException
        || failure instanceof UnknownHostException
        || failure instanceof EOFException) {
      return Optional.of(Connection);
    }
    return Optional.empty();
  }

  private static Optional<FailureClass> sqlVerdict(SQLException failure) {
    String state = failure.getSQLState();
    if ((state != null && state.startsWith(CONNECTION_SQLSTATE_CLASS))
        || failure instanceof SQLTransientConnectionException
        || failure instanceof SQLNonTransientConnectionException
        || failure instanceof SQLRecoverableException) {
      return Optional.of(Connection);
    }
    return Optional.empty();
  }
}
