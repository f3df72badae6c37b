package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The target database. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetSpec extends EndpointSpec {

  @Default("true")
  @JsonPropertyDescription("Whether the target session writes its changes to the target's "
      + "binlog (false sets sql_log_bin=0, which needs the SUPER or "
      + "SYSTEM_VARIABLES_ADMIN privilege). Default true.")
  private boolean writeBinlog = true;

  public boolean isWriteBinlog() {
    return writeBinlog;
  }

  public void setWriteBinlog(boolean writeBinlog) {
    this.writeBinlog = writeBinlog;
  }
}
