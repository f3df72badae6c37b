package dev.ferry.worker.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A CA and a server certificate it signs, made with the JDK's keytool for a MariaDB started
 * with {@code --ssl-cert/--ssl-key/--ssl-ca}: PEM files in a directory of their own.
 */
final class TestCertificates {

  private static final String PASSWORD = "changeit";

  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /**
   * A new CA and a server certificate for {@code serverNames} (subject alternative names such
   * as {@code dns:localhost,ip:127.0.0.1}).
   */
  static TestCertificates create(String serverNames) {
    try {
      TestCertificates certificates = new TestCertificates(
          Files.createTempDirectory("ferry-tls-"));
      certificates.make(serverNames);
      return certificates;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CA of its own that signed nothing the servers use. */
  static String unrelatedCaPem() {
    return create("dns:unrelated.example").caPem();
  }

  /** The server arguments that make MariaDB serve TLS with these certificates. */
  List<String> serverArgs() {
    return List.of("--ssl", "--ssl-ca=" + dir.resolve("ca.pem"),
        "--ssl-cert=" + dir.resolve("server.pem"), "--ssl-key=" + dir.resolve("server-key.pem"));
  }

  /** The CA certificate in PEM, as a caSecret holds it. */
  String caPem() {
    try {
      return Files.readString(dir.resolve("ca.pem"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void make(String serverNames) throws IOException {
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=Ferry Test CA", "-ext", "bc:c", "-validity", "3",
        "-keystore", "ca.p12", "-storetype", "PKCS12");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=ferry-test-server", "-validity", "3",
        "-keystore", "server.p12", "-storetype", "PKCS12");
    keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
    keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr",
        "-outfile", "server.pem", "-ext", "SAN=" + serverNames, "-validity", "3");
    Files.writeString(dir.resolve("server-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(serverKey().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
  }

  private Key serverKey() throws IOException {
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      return store.getKey("server", PASSWORD.toCharArray());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", PASSWORD, "-noprompt"));
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("keytool " + String.join(" ", args) + ": " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
