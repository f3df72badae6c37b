package dev.ferry.worker.db;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.TlsMode;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/**
 * Connection failures that no retry can fix: a TLS mismatch (required but not offered, offered
 * but refused, an untrusted certificate, a certificate for another host) and a wrong password.
 * (Connections name no database, so an unknown database or a missing privilege shows on the
 * statements and the precheck's privilege items, not here.) Each becomes a
 * {@link FailureClass#Fatal} failure naming the endpoint, the cause and the remedy, so the task
 * stops within seconds instead of retrying through the connection window. Everything else (the
 * server down, the network) is left to the usual classification.
 */
public final class ConnectFailures {

  /** ER_ACCESS_DENIED_ERROR: wrong user name or password (or a user that must use TLS). */
  private static final int ACCESS_DENIED = 1045;
  /** ER_SECURE_TRANSPORT_REQUIRED (MySQL and MariaDB). */
  private static final int SECURE_TRANSPORT_REQUIRED = 3159;

  private ConnectFailures() {}

  /** A verdict: what went wrong and what to do about it. */
  public record Verdict(String problem, String remedy) {
    /** As one message, for a failure's termination message. */
    public String message() {
      return problem + ". Fix: " + remedy;
    }
  }

  /** The Fatal failure {@code failure} is when connecting to {@code endpoint}, if it is one. */
  public static Optional<FerryException> fatal(Throwable failure, Endpoint endpoint) {
    return verdict(failure, endpoint).map(verdict -> new FerryException(FailureClass.Fatal,
        "cannot connect to " + endpoint.name() + " (" + endpoint.address() + "): "
            + verdict.message(), failure));
  }

  /** Why connecting to {@code endpoint} cannot succeed by retrying, if that is so. */
  public static Optional<Verdict> verdict(Throwable failure, Endpoint endpoint) {
    List<Throwable> chain = chain(failure);
    String user = endpoint.credentials().username();
    TlsMode tls = endpoint.tlsMode();
    if (mentions(chain, "SSL Connection required, but not provided by server")) {
      return Optional.of(new Verdict("TLS is required (tls.mode: " + tls + ") but the server"
          + " does not offer TLS", "enable TLS on the server (ssl_cert and ssl_key), or, on a"
          + " trusted network only, set tls.mode: Disabled for this endpoint"));
    }
    if (code(chain, SECURE_TRANSPORT_REQUIRED)) {
      return Optional.of(new Verdict("the server accepts only TLS connections"
          + " (require_secure_transport=ON) but tls.mode is Disabled", "set tls.mode: Required,"
          + " or VerifyCA/VerifyIdentity with tls.caSecret, for this endpoint"));
    }
    Optional<Verdict> certificate = certificate(chain, tls);
    if (certificate.isPresent()) {
      return certificate;
    }
    if (code(chain, ACCESS_DENIED)) {
      return Optional.of(new Verdict("access denied for user " + user + " (wrong user name or"
          + " password" + (tls == TlsMode.Disabled ? ", or a user created REQUIRE SSL" : "")
          + ")", "correct username and password in the endpoint's credentials Secret (and the"
          + " user's allowed hosts on the server), then edit the task (for example set"
          + " spec.suspend true and back to false) to resume it"));
    }
    return Optional.empty();
  }

  private static Optional<Verdict> certificate(List<Throwable> chain, TlsMode tls) {
    boolean handshake = chain.stream().anyMatch(t -> t instanceof SSLHandshakeException);
    if (mentions(chain, "identity verification failed") || mentions(chain, "identity check failed")
        || mentions(chain, "No subject alternative")
        || mentions(chain, "does not match")) {
      return Optional.of(new Verdict("TLS: the server's certificate does not name this host"
          + " (tls.mode: " + tls + ")", "connect by a host name the certificate lists (its"
          + " subject alternative names), or use tls.mode: VerifyCA"));
    }
    if (chain.stream().anyMatch(t -> t instanceof CertPathValidatorException
        || t instanceof CertPathBuilderException) || mentions(chain, "trust anchor")
        || mentions(chain, "certification path")) {
      return Optional.of(new Verdict("TLS: the server's certificate is not signed by a trusted"
          + " CA (tls.mode: " + tls + ")", "put the CA that signed the server's certificate in"
          + " the Secret named by tls.caSecret (for RDS and Aurora the region's RDS CA bundle),"
          + " or use tls.mode: Required to encrypt without verifying"));
    }
    if (handshake) {
      return Optional.of(new Verdict("TLS: the handshake with the server failed: "
          + chain.stream().filter(t -> t instanceof SSLHandshakeException).findFirst()
              .map(Throwable::getMessage).orElse(""), "check the TLS versions and ciphers the"
          + " server allows (tls_version), and tls.mode"));
    }
    return Optional.empty();
  }

  /** {@code failure} and its causes, outermost first, each once. */
  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t) && chain.size() < 64;
        t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static boolean mentions(List<Throwable> chain, String text) {
    return chain.stream().anyMatch(t -> t.getMessage() != null && t.getMessage().contains(text));
  }

  private static boolean code(List<Throwable> chain, int code) {
    return chain.stream().anyMatch(t -> t instanceof SQLException sql
        && sql.getErrorCode() == code);
  }

}
