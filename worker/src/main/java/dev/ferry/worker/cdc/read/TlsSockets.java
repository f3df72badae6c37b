package dev.ferry.worker.cdc.read;

import com.github.shyiko.mysql.binlog.network.DefaultSSLSocketFactory;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import com.github.shyiko.mysql.binlog.network.SSLSocketFactory;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.TlsMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS for the binlog connection, following the endpoint's {@link TlsMode}. */
final class TlsSockets {

  private TlsSockets() {}

  static SSLMode mode(TlsMode mode) {
    return switch (mode) {
      case Disabled -> SSLMode.DISABLED;
      case Required -> SSLMode.REQUIRED;
      case VerifyCA -> SSLMode.VERIFY_CA;
      case VerifyIdentity -> SSLMode.VERIFY_IDENTITY;
    };
  }

  /** A socket factory that trusts exactly the given PEM CA certificates. */
  static SSLSocketFactory trusting(String caCertificatePem, String endpointName) {
    KeyStore trusted = trustStore(caCertificatePem, endpointName);
    return new DefaultSSLSocketFactory() {
      @Override
      protected void initSSLContext(SSLContext context) throws GeneralSecurityException {
        TrustManagerFactory trust =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        context.init(null, trust.getTrustManagers(), null);
      }
    };
  }

  private static KeyStore trustStore(String pem, String endpointName) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      if (i == 0) {
        throw new GeneralSecurityException("no certificate in the PEM text");
      }
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new FerryException(FailureClass.Fatal, "the CA certificate for " + endpointName
          + " cannot be read (" + e.getMessage() + "); put PEM certificates in the CA Secret key",
          e);
    }
  }
}
