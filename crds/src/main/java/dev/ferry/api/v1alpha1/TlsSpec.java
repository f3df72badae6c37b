package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** TLS settings of a database connection. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.mode) || !(self.mode in ['VerifyCA', 'VerifyIdentity'])"
    + " || has(self.caSecret)", fieldPath = ".caSecret",
    message = "modes VerifyCA and VerifyIdentity need caSecret")
public class TlsSpec {

  @JsonPropertyDescription("Disabled, Required (default), VerifyCA or VerifyIdentity.")
  @Default("Required")
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
