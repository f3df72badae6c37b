package dev.ferry.api.retry;

import static dev.ferry.api.v1alpha1.FailureClass.Connection;
import static dev.ferry.api.v1alpha1.FailureClass.Fatal;
import static dev.ferry.api.v1alpha1.FailureClass.Other;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.FailureClass;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FailureClassifierTest {

  static Stream<Throwable> connectionFailures() {
    return Stream.of(
        new ConnectException("Connection refused"),
        new NoRouteToHostException("No route to host"),
        new UnknownHostException("source.db.internal"),
        new SocketTimeoutException("Read timed out"),
        new SocketException("Connection reset"),
        new EOFException("Can not read response from server"),
        new SQLTransientConnectionException("pool exhausted"),
        new SQLNonTransientConnectionException("Could not connect"),
        new SQLRecoverableException("Communications link failure"),
        new SQLException("Communications link failure", "08S01"),
        new SQLException("unable to connect", "08001"));
  }

  @ParameterizedTest
  @MethodSource("connectionFailures")
  void networkAndJdbcConnectionFailuresAreConnectionFailures(Throwable failure) {
    assertThat(FailureClassifier.classify(failure)).isEqualTo(Connection);
  }

  @ParameterizedTest
  @ValueSource(ints = {1040, 1053, 1129, 1152, 1203, 1927, 2002, 2003, 2006, 2013, 3032, 4031})
  void connectionErrorCodesAreConnectionFailures(int code) {
    assertThat(FailureClassifier.classify(new SQLException("server said no", "HY000", code)))
        .isEqualTo(Connection);
  }

  @Test
  void aPurgedOrUnknownBinlogPositionIsFatal() {
    SQLException purged = new SQLException("Got fatal error 1236 from source when reading data "
        + "from binary log: 'Cannot replicate because the source purged required binary logs.'",
        "HY000", 1236);

    assertThat(FailureClassifier.classify(purged)).isEqualTo(Fatal);
  }

  @ParameterizedTest
  @ValueSource(ints = {1044, 1049, 1142, 1143, 1227, 1370})
  void aMissingPrivilegeOrDatabaseIsFatalWithARemedy(int code) {
    SQLException denied = new SQLException("SELECT command denied", "42000", code);

    assertThat(FailureClassifier.classify(new RuntimeException("copy failed", denied)))
        .isEqualTo(Fatal);
    assertThat(FailureClassifier.remedy(new RuntimeException("copy failed", denied)))
        .hasValueSatisfying(remedy -> assertThat(remedy).contains("then apply the task again"));
  }

  @Test
  void otherFailuresHaveNoRemedy() {
    assertThat(FailureClassifier.remedy(new SQLException("Deadlock found", "40001", 1213)))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1045, 1205, 1213})
  void accessDeniedLockWaitAndDeadlockAreOtherFailures(int code) {
    assertThat(FailureClassifier.classify(new SQLException("no", "HY000", code)))
        .isEqualTo(Other);
  }

  @Test
  void theErrorCodeWinsOverAConnectionSqlState() {
    SQLException packetTooLarge = new SQLException(
        "Got a packet bigger than 'max_allowed_packet' bytes", "08S01", 1153);

    assertThat(FailureClassifier.classify(packetTooLarge)).isEqualTo(Other);
  }

  @Test
  void theErrorCodeWinsOverAConnectionExceptionType() {
    SQLNonTransientConnectionException denied = new SQLNonTransientConnectionException(
        "Access denied for user 'ferry'@'10.0.0.7'", "28000", 1045);

    assertThat(FailureClassifier.classify(denied)).isEqualTo(Other);
  }

  @Test
  void theErrorCodeDecidesEvenWhenTheCauseIsANetworkFailure() {
    SQLException deadlock = new SQLException("Deadlock found", "40001", 1213,
        new SocketException("reset"));

    assertThat(FailureClassifier.classify(deadlock)).isEqualTo(Other);
  }

  @ParameterizedTest
  @EnumSource(FailureClass.class)
  void aFerryExceptionCarriesItsClass(FailureClass failureClass) {
    assertThat(FailureClassifier.classify(new FerryException(failureClass, "decided")))
        .isEqualTo(failureClass);
  }

  @Test
  void aFerryExceptionWinsOverItsCauses() {
    FerryException purged = new FerryException(Fatal, "binlog mysql-bin.000042 was purged",
        new SocketException("Connection reset"));

    assertThat(FailureClassifier.classify(purged)).isEqualTo(Fatal);
  }

  @Test
  void nestedCausesAreFound() {
    RuntimeException wrapped = new IllegalStateException("copy of chunk 17 failed",
        new RuntimeException("statement failed",
            new SQLException("Communications link failure", "08S01",
                new SocketTimeoutException("Read timed out"))));

    assertThat(FailureClassifier.classify(wrapped)).isEqualTo(Connection);
    assertThat(FailureClassifier.classify(new UncheckedIOException(new EOFException())))
        .isEqualTo(Connection);
    assertThat(FailureClassifier.classify(
        new RuntimeException(new FerryException(Fatal, "GTID set unknown"))))
        .isEqualTo(Fatal);
    assertThat(FailureClassifier.classify(
        new RuntimeException(new SQLException("fatal", "HY000", 1236))))
        .isEqualTo(Fatal);
  }

  @Test
  void aPoolTimeoutAroundAnAccessDeniedErrorIsNotAConnectionFailure() {
    SQLTransientConnectionException pool = new SQLTransientConnectionException(
        "ferry-target - Connection is not available, request timed out after 30000ms.",
        "08001", 0, new SQLException("Access denied for user 'ferry'@'%'", "28000", 1045));

    assertThat(FailureClassifier.classify(pool)).isEqualTo(Other);
  }

  @Test
  void anUnknownSqlExceptionLooksAtItsCause() {
    SQLException unknown = new SQLException("Unknown error", "HY000", 1105,
        new ConnectException("Connection refused"));

    assertThat(FailureClassifier.classify(unknown)).isEqualTo(Connection);
  }

  static Stream<Throwable> otherFailures() {
    return Stream.of(
        new IllegalStateException("bug"),
        new IOException("disk full"),
        new SQLSyntaxErrorException("You have an error in your SQL syntax", "42000", 1064),
        new SQLTimeoutException("Query execution was interrupted", "70100", 3024),
        new SQLException("no state"),
        new SQLException("Duplicate entry", "23000", 1062));
  }

  @ParameterizedTest
  @MethodSource("otherFailures")
  void everythingElseIsAnOtherFailure(Throwable failure) {
    assertThat(FailureClassifier.classify(failure)).isEqualTo(Other);
  }

  @Test
  void aCauseCycleEnds() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);

    assertThat(FailureClassifier.classify(first)).isEqualTo(Other);
  }

  @Test
  void aCauseDeeperThanTheChainLimitIsIgnored() {
    Throwable failure = new SocketException("deep");
    for (int i = 0; i < CauseChain.MAX_LENGTH; i++) {
      failure = new RuntimeException("level " + i, failure);
    }

    assertThat(FailureClassifier.classify(failure)).isEqualTo(Other);
  }
}
