package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The row conflicts resolved by a conflict policy (Overwrite or Skip) on one target table. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TableConflicts {

  @JsonPropertyDescription("Target table as schema.table.")
  private String table;

  @JsonPropertyDescription("Row changes applied over the target's row (policy Overwrite).")
  private Long overwritten;

  @JsonPropertyDescription("Row changes left out to keep the target's row (policy Skip).")
  private Long skipped;

  @JsonPropertyDescription("The latest conflict: what the target held against which change, "
      + "the key and the source binlog position.")
  private String last;

  public String getTable() {
    return table;
  }

  public void setTable(String table) {
    this.table = table;
  }

  public Long getOverwritten() {
    return overwritten;
  }

  public void setOverwritten(Long overwritten) {
    this.overwritten = overwritten;
  }

  public Long getSkipped() {
    return skipped;
  }

  public void setSkipped(Long skipped) {
    this.skipped = skipped;
  }

  public String getLast() {
    return last;
  }

  public void setLast(String last) {
    this.last = last;
  }
}
