package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** A heartbeat table on the source keeps lag honest while the source is idle. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HeartbeatSpec {

  @Default("false")
  @JsonPropertyDescription("Write a heartbeat row on the source at the interval (needs write "
      + "access to the heartbeat schema on the source). Default false.")
  private boolean enabled;

  @Default("1s")
  @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
  @JsonPropertyDescription("Interval between heartbeats, as a duration (for example 1s, "
      + "500ms). Default 1s, 100ms to 1h.")
  @ValidationRule(value = "duration(self) >= duration('100ms') && duration(self) <= duration('1h')", message = "interval must be from 100ms"
      + " to 1h")
  private String interval = "1s";

  @Default("ferry")
  @JsonPropertyDescription("Schema of the heartbeat table on the source; while the "
      + "heartbeat is enabled, this schema is never migrated. Default ferry.")
  private String schema = "ferry";

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval == null ? "1s" : interval;
  }

  public String getSchema() {
    return schema;
  }

  public void setSchema(String schema) {
    this.schema = schema == null ? "ferry" : schema;
  }
}
