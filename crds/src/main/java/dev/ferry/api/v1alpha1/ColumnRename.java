package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Maps a source column to a differently named target column. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ColumnRename {

  @Required
  @JsonPropertyDescription("Column name on the source.")
  private String from;

  @Required
  @JsonPropertyDescription("Column name on the target.")
  private String to;

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }
}
