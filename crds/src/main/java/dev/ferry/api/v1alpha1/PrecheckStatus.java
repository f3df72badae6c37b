package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Results of the last precheck. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrecheckStatus {

  @JsonPropertyDescription("When the precheck ran (RFC 3339).")
  private String checkedAt;

  @JsonPropertyDescription("Every check item with its result.")
  private List<PrecheckItem> items = new ArrayList<>();

  public String getCheckedAt() {
    return checkedAt;
  }

  public void setCheckedAt(String checkedAt) {
    this.checkedAt = checkedAt;
  }

  public List<PrecheckItem> getItems() {
    return items;
  }

  public void setItems(List<PrecheckItem> items) {
    this.items = items == null ? new ArrayList<>() : items;
  }
}
