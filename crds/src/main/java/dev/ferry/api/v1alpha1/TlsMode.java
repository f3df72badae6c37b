package dev.ferry.api.v1alpha1;

/** How the connection to a database is encrypted and verified. */
public enum TlsMode {
  /** Plain connection, no TLS (only for trusted networks). */
  Disabled,
  /** TLS required; the server certificate is not verified. */
  Required,
  /** TLS required and the server certificate must be signed by the given CA. */
  VerifyCA,
  /** Like VerifyCA, and the certificate must name the host. */
  VerifyIdentity
}
