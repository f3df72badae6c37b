package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** TLS settings of a database connection. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {

  @JsonPropertyDescription("Disabled, Required (default), VerifyCA or VerifyIdentity.")
  private TlsMode mode = TlsMode.Required;

  @JsonPropertyDescription("Secret key holding the PEM CA certificate(s) used to verify the "
      + "server; required for VerifyCA and VerifyIdentity.")
  private SecretKeyRef caSecret;

  public TlsMode getMode() {
    return mode;
  }

  public void setMode(TlsMode mode) {
    this.mode = mode == null ? TlsMode.Required : mode;
  }

  public SecretKeyRef getCaSecret() {
    return caSecret;
  }

  public void setCaSecret(SecretKeyRef caSecret) {
    this.caSecret = caSecret;
  }
}
