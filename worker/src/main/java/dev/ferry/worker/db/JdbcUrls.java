package dev.ferry.worker.db;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Properties;

/**
 * Connector/J settings for an endpoint. Sessions run in UTC so TIMESTAMP values do not depend on
 * the worker's or the servers' time zones; TLS follows the endpoint's mode; a CA certificate is
 * turned into a private PKCS#12 trust store.
 */
final class JdbcUrls {

  private JdbcUrls() {}

  static String url(Endpoint endpoint) {
    String host = endpoint.host().contains(":") && !endpoint.host().startsWith("[")
        ? "[" + endpoint.host() + "]" : endpoint.host();
    return "jdbc:mysql://" + host + ":" + endpoint.port() + "/";
  }

  static Properties properties(Endpoint endpoint) {
    Properties p = new Properties();
    p.setProperty("user", endpoint.credentials().username());
    p.setProperty("password", endpoint.credentials().password());
    p.setProperty("connectionTimeZone", "UTC");
    p.setProperty("forceConnectionTimeZoneToSession", "true");
    p.setProperty("characterEncoding", "UTF-8");
    p.setProperty("connectionCollation", "utf8mb4_bin");
    p.setProperty("useUnicode", "true");
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("connectTimeout", "10000");
    p.setProperty("rewriteBatchedStatements", "true");
    p.setProperty("useCursorFetch", "false");
    p.setProperty("zeroDateTimeBehavior", "EXCEPTION");
    p.setProperty("allowPublicKeyRetrieval", String.valueOf(endpoint.allowPublicKeyRetrieval()));
    p.setProperty("sslMode", sslMode(endpoint));
    if (endpoint.caCertificatePem() != null) {
      Path store = trustStore(endpoint);
      p.setProperty("trustCertificateKeyStoreUrl", store.toUri().toString());
      p.setProperty("trustCertificateKeyStoreType", "PKCS12");
      p.setProperty("trustCertificateKeyStorePassword", "");
    }
    return p;
  }

  private static String sslMode(Endpoint endpoint) {
    switch (endpoint.tlsMode()) {
      case Disabled:
        return "DISABLED";
      case Required:
        return "REQUIRED";
      case VerifyCA:
        return "VERIFY_CA";
      case VerifyIdentity:
        return "VERIFY_IDENTITY";
      default:
        throw new IllegalStateException("TLS mode " + endpoint.tlsMode());
    }
  }

  private static Path trustStore(Endpoint endpoint) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : factory.generateCertificates(new ByteArrayInputStream(
          endpoint.caCertificatePem().getBytes(StandardCharsets.US_ASCII)))) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      if (i == 0) {
        throw new GeneralSecurityException("no certificate in the PEM text");
      }
      Path file = Files.createTempFile("ferry-ca-", ".p12");
      file.toFile().deleteOnExit();
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, new char[0]);
      }
      return file;
    } catch (GeneralSecurityException | IOException e) {
      throw new FerryException(FailureClass.Fatal, "the CA certificate for " + endpoint.name()
          + " cannot be read (" + e.getMessage() + "); put PEM certificates in the CA Secret key",
          e);
    }
  }
}
