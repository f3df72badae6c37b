package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** Where a database is and how to log in to it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class EndpointSpec {

  @Required
  @JsonPropertyDescription("Host name or IP address of the database server.")
  private String host;

  @Default("3306")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("TCP port of the database server. Default 3306.")
  private int port = 3306;

  @Required
  @JsonPropertyDescription("Name of a Secret in the task's namespace with the keys username "
      + "and password. Credentials are passed to workers only through this Secret.")
  private String credentialsSecret;

  @Default("{}")
  @JsonPropertyDescription("TLS settings of the connection.")
  private TlsSpec tls = new TlsSpec();

  @Default("false")
  @JsonPropertyDescription("Allow the client to fetch the server's RSA public key for "
      + "caching_sha2_password / sha256_password logins over a plain connection (MySQL "
      + "8). Only enable on trusted networks; prefer TLS.")
  private boolean allowPublicKeyRetrieval;

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public String getCredentialsSecret() {
    return credentialsSecret;
  }

  public void setCredentialsSecret(String credentialsSecret) {
    this.credentialsSecret = credentialsSecret;
  }

  public TlsSpec getTls() {
    return tls;
  }

  public void setTls(TlsSpec tls) {
    this.tls = tls == null ? new TlsSpec() : tls;
  }

  public boolean isAllowPublicKeyRetrieval() {
    return allowPublicKeyRetrieval;
  }

  public void setAllowPublicKeyRetrieval(boolean allowPublicKeyRetrieval) {
    this.allowPublicKeyRetrieval = allowPublicKeyRetrieval;
  }
}
