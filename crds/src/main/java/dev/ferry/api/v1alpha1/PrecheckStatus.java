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

  @JsonPropertyDescription("The check items with their results, failures first, then warnings;"
      + " as many as the status has room for (at least 24, at most 64).")
  private List<PrecheckItem> items = new ArrayList<>();

  @JsonPropertyDescription("Items of this precheck left out of items for room (the last ones,"
      + " so passes before warnings and failures).")
  private Integer itemsOmitted;

  public String getCheckedAt() {
    return checkedAt;
  }

  public void setCheckedAt(String checkedAt) {
    this.checkedAt = checkedAt;
  }

  public Integer getItemsOmitted() {
    return itemsOmitted;
  }

  public void setItemsOmitted(Integer itemsOmitted) {
    this.itemsOmitted = itemsOmitted;
  }

  public List<PrecheckItem> getItems() {
    return items;
  }

  public void setItems(List<PrecheckItem> items) {
    this.items = items == null ? new ArrayList<>() : items;
  }
}
