package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Retry windows per failure class: a failing phase is retried with backoff until its window
 * ends.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(" + RetrySpec.CONNECTION_IN_RANGE + " && " + RetrySpec.OTHER_IN_RANGE
    + ") || duration(self.otherWindow) < duration(self.connectionWindow)",
    fieldPath = ".otherWindow", message = "otherWindow must be shorter than connectionWindow")
public class RetrySpec {

  static final String CONNECTION_IN_RANGE = "duration(self.connectionWindow) >= duration('10m')"
      + " && duration(self.connectionWindow) <= duration('1440m')";
  static final String OTHER_IN_RANGE = "duration(self.otherWindow) >= duration('1m')"
      + " && duration(self.otherWindow) <= duration('1440m')";

  @Default("720m")
  @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
  @JsonPropertyDescription("How long connection failures are retried, as a duration. Default "
      + "720m, 10m to 1440m.")
  @ValidationRule(value = "duration(self) >= duration('10m') && duration(self) <= duration('1440m')", message = "connectionWindow must be"
      + " from 10m to 1440m")
  private String connectionWindow = "720m";

  @Default("10m")
  @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
  @JsonPropertyDescription("How long other failures (a DDL or DML error, for example) are "
      + "retried, as a duration. Default 10m, 1m to 1440m, shorter than connectionWindow.")
  @ValidationRule(value = "duration(self) >= duration('1m') && duration(self) <= duration('1440m')", message = "otherWindow must be from 1m"
      + " to 1440m")
  private String otherWindow = "10m";

  @JsonPropertyDescription("Set or change to any new value (kubectl ferry retry writes the "
      + "current time) to make a Failed task try again from its checkpoint, with fresh retry "
      + "windows. Like every edit of the spec, it resumes a Failed task; it does nothing to a "
      + "task that has not failed.")
  private String request;

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

  public String getRequest() {
    return request;
  }

  public void setRequest(String request) {
    this.request = request;
  }
}
