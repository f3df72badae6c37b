package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * Retry windows per failure class: a failing phase is retried with backoff until its window
 * ends.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrySpec {

  @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
  @JsonPropertyDescription("How long connection failures are retried, as a duration. Default "
      + "720m, 10m to 1440m.")
  private String connectionWindow = "720m";

  @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
  @JsonPropertyDescription("How long other failures (a DDL or DML error, for example) are "
      + "retried, as a duration. Default 10m, 1m to 1440m, shorter than connectionWindow.")
  private String otherWindow = "10m";

  public String getConnectionWindow() {
    return connectionWindow;
  }

  public void setConnectionWindow(String connectionWindow) {
    this.connectionWindow = connectionWindow == null ? "720m" : connectionWindow;
  }

  public String getOtherWindow() {
    return otherWindow;
  }

  public void setOtherWindow(String otherWindow) {
    this.otherWindow = otherWindow == null ? "10m" : otherWindow;
  }
}
