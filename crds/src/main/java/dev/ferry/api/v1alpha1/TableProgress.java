package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Full-load progress of one table that is being copied. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TableProgress {

  @JsonPropertyDescription("Source table as schema.table.")
  private String table;

  @JsonPropertyDescription("Estimated rows in the table.")
  private Long rowsEstimated;

  @JsonPropertyDescription("Rows copied so far.")
  private Long rowsCopied;

  @JsonPropertyDescription("Chunks the table is split into.")
  private Integer chunksTotal;

  @JsonPropertyDescription("Chunks copied and committed.")
  private Integer chunksDone;

  public String getTable() {
    return table;
  }

  public void setTable(String table) {
    this.table = table;
  }

  public Long getRowsEstimated() {
    return rowsEstimated;
  }

  public void setRowsEstimated(Long rowsEstimated) {
    this.rowsEstimated = rowsEstimated;
  }

  public Long getRowsCopied() {
    return rowsCopied;
  }

  public void setRowsCopied(Long rowsCopied) {
    this.rowsCopied = rowsCopied;
  }

  public Integer getChunksTotal() {
    return chunksTotal;
  }

  public void setChunksTotal(Integer chunksTotal) {
    this.chunksTotal = chunksTotal;
  }

  public Integer getChunksDone() {
    return chunksDone;
  }

  public void setChunksDone(Integer chunksDone) {
    this.chunksDone = chunksDone;
  }
}
