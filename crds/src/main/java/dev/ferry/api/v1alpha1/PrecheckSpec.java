package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Precheck settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrecheckSpec {

  @JsonPropertyDescription("Precheck items to skip (reported as Skipped), like DM's "
      + "ignore-checking-items. Connection checks cannot be skipped.")
  private List<PrecheckItemName> ignore = new ArrayList<>();

  public List<PrecheckItemName> getIgnore() {
    return ignore;
  }

  public void setIgnore(List<PrecheckItemName> ignore) {
    this.ignore = ignore == null ? new ArrayList<>() : ignore;
  }
}
