package dev.ferry.worker.db;

import dev.ferry.api.v1alpha1.EndpointSpec;
import dev.ferry.api.v1alpha1.TlsMode;

/**
 * Everything needed to connect to one database: address, login, TLS. Built from a source or
 * target spec and its Secrets.
 *
 * @param name a label for messages and metrics (the source name, or "target")
 * @param caCertificatePem PEM CA certificate(s) for VerifyCA / VerifyIdentity, otherwise null
 */
public record Endpoint(String name, String host, int port, Credentials credentials,
    TlsMode tlsMode, String caCertificatePem, boolean allowPublicKeyRetrieval) {

  /** The endpoint described by {@code spec}, with its credentials read from Secrets. */
  public static Endpoint of(String name, EndpointSpec spec, SecretReader secrets) {
    String ca = spec.getTls().getCaSecret() == null ? null
        : secrets.read(spec.getTls().getCaSecret().getName(), spec.getTls().getCaSecret().getKey());
    return new Endpoint(name, spec.getHost(), spec.getPort(),
        Credentials.fromSecret(secrets, spec.getCredentialsSecret()), spec.getTls().getMode(), ca,
        spec.isAllowPublicKeyRetrieval());
  }

  /** host:port, for messages. */
  public String address() {
    return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return name + " (" + address() + ", user " + credentials.username() + ")";
  }
}
