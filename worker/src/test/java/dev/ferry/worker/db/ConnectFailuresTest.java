package dev.ferry.worker.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.testing.ServerOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures no retry can fix stop at the first connection as Fatal, with a message that names the
 * cause (TLS, the password) and a remedy, well within a minute. The source serves no TLS (the
 * test servers' default); the target serves TLS from certificates this test makes, for the
 * name db.example.com only, so that connecting to 127.0.0.1 verifies the CA but not the host.
 */
class ConnectFailuresTest {

  private static final TestCertificates CERTIFICATES =
      TestCertificates.create("dns:db.example.com");
  private static final Duration QUICKLY = Duration.ofSeconds(60);

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.builder()
      .flavors(Flavor.MARIADB, Flavor.MARIADB)
      .targetOptions(ServerOptions.defaults()
          .withArgs(CERTIFICATES.serverArgs().toArray(String[]::new)))
      .build();

  @Test
  void tlsRequiredAgainstAServerWithoutTlsIsFatalAndNamesTls() {
    DatabaseServer plain = dbs.source();
    FerryException failure = fatalWithin(endpoint(plain, "127.0.0.1", TlsMode.Required, null));
    assertThat(failure.getMessage()).contains("TLS is required").contains("does not offer TLS")
        .contains("tls.mode: Disabled");

    FerryException pool = catchThrowableOfType(FerryException.class,
        () -> Database.open(endpoint(plain, "127.0.0.1", TlsMode.Required, null), 2).close());
    assertThat(pool.failureClass()).isEqualTo(FailureClass.Fatal);
    assertThat(pool.getMessage()).contains("TLS");
  }

  @Test
  void aPlainConnectionToAServerThatRequiresTlsIsFatal() throws SQLException {
    DatabaseServer secure = dbs.target();
    Endpoint tls = endpoint(secure, "127.0.0.1", TlsMode.Required, null);
    setRequireSecureTransport(tls, true);
    try {
      FerryException failure = fatalWithin(endpoint(secure, "127.0.0.1", TlsMode.Disabled,
          null));
      assertThat(failure.getMessage()).contains("only TLS connections")
          .contains("set tls.mode: Required");
    } finally {
      setRequireSecureTransport(tls, false);
    }
  }

  @Test
  void aCertificateFromAnUntrustedCaIsFatal() {
    FerryException failure = fatalWithin(endpoint(dbs.target(), "127.0.0.1", TlsMode.VerifyCA,
        TestCertificates.unrelatedCaPem()));
    assertThat(failure.getMessage()).contains("TLS").contains("not signed by a trusted CA")
        .contains("tls.caSecret");
  }

  @Test
  void aCertificateForAnotherHostIsFatalWithVerifyIdentity() throws SQLException {
    String ca = CERTIFICATES.caPem();
    try (Connection trusted = Database.connectOnce(
        endpoint(dbs.target(), "127.0.0.1", TlsMode.VerifyCA, ca))) {
      assertThat(trusted.isValid(5)).as("the test CA signed the certificate").isTrue();
    }
    FerryException failure = fatalWithin(endpoint(dbs.target(), "127.0.0.1",
        TlsMode.VerifyIdentity, ca));
    assertThat(failure.getMessage()).contains("TLS").contains("does not name this host");
  }

  @Test
  void aWrongPasswordForAnExistingUserIsFatal() {
    DatabaseServer server = dbs.source();
    Endpoint wrong = new Endpoint("source", "127.0.0.1", server.port(),
        new Credentials(server.adminUser(), "not-the-password"), TlsMode.Disabled, null, true);
    FerryException failure = fatalWithin(wrong);
    assertThat(failure.getMessage()).contains("access denied for user " + server.adminUser())
        .contains("credentials Secret").doesNotContain("not-the-password");
  }

  /** Connecting fails as Fatal, well within a minute. */
  private static FerryException fatalWithin(Endpoint endpoint) {
    long started = System.nanoTime();
    FerryException failure = catchThrowableOfType(FerryException.class,
        () -> Database.connectOnce(endpoint).close());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
    assertThat(failure).as("a Fatal FerryException").isNotNull();
    assertThat(failure.failureClass()).isEqualTo(FailureClass.Fatal);
    return failure;
  }

  private static Endpoint endpoint(DatabaseServer server, String host, TlsMode mode, String ca) {
    return new Endpoint("target", host, server.port(),
        new Credentials(server.adminUser(), server.adminPassword()), mode, ca, true);
  }

  private static void setRequireSecureTransport(Endpoint tls, boolean on) throws SQLException {
    try (Connection connection = Database.connectOnce(tls);
        Statement statement = connection.createStatement()) {
      statement.execute("SET GLOBAL require_secure_transport=" + (on ? "ON" : "OFF"));
    }
  }
}
