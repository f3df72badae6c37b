package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** A chunk whose source and target data differ. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChunkMismatch {

  @JsonPropertyDescription("Source table as schema.table.")
  private String table;

  @JsonPropertyDescription("Lower key bound of the chunk (inclusive), as text.")
  private String lowerKey;

  @JsonPropertyDescription("Upper key bound of the chunk (exclusive), as text.")
  private String upperKey;

  @JsonPropertyDescription("First keys of rows that differ (bounded).")
  private List<String> keys = new ArrayList<>();

  public String getTable() {
    return table;
  }

  public void setTable(String table) {
    this.table = table;
  }

  public String getLowerKey() {
    return lowerKey;
  }

  public void setLowerKey(String lowerKey) {
    this.lowerKey = lowerKey;
  }

  public String getUpperKey() {
    return upperKey;
  }

  public void setUpperKey(String upperKey) {
    this.upperKey = upperKey;
  }

  public List<String> getKeys() {
    return keys;
  }

  public void setKeys(List<String> keys) {
    this.keys = keys == null ? new ArrayList<>() : keys;
  }
}
