package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Validation summary. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValidationStatus {

  @JsonPropertyDescription("When the last validation started (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription("When it completed (RFC 3339).")
  private String completedAt;

  @JsonPropertyDescription("Whether every chunk matched.")
  private Boolean passed;

  @JsonPropertyDescription("Tables to validate.")
  private Integer tablesTotal;

  @JsonPropertyDescription("Tables validated.")
  private Integer tablesChecked;

  @JsonPropertyDescription("Chunks equal on both sides.")
  private Long chunksMatched;

  @JsonPropertyDescription("Chunks that differ.")
  private Long chunksMismatched;

  @JsonPropertyDescription("The first mismatching chunks (bounded).")
  private List<ChunkMismatch> mismatches = new ArrayList<>();

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getCompletedAt() {
    return completedAt;
  }

  public void setCompletedAt(String completedAt) {
    this.completedAt = completedAt;
  }

  public Boolean getPassed() {
    return passed;
  }

  public void setPassed(Boolean passed) {
    this.passed = passed;
  }

  public Integer getTablesTotal() {
    return tablesTotal;
  }

  public void setTablesTotal(Integer tablesTotal) {
    this.tablesTotal = tablesTotal;
  }

  public Integer getTablesChecked() {
    return tablesChecked;
  }

  public void setTablesChecked(Integer tablesChecked) {
    this.tablesChecked = tablesChecked;
  }

  public Long getChunksMatched() {
    return chunksMatched;
  }

  public void setChunksMatched(Long chunksMatched) {
    this.chunksMatched = chunksMatched;
  }

  public Long getChunksMismatched() {
    return chunksMismatched;
  }

  public void setChunksMismatched(Long chunksMismatched) {
    this.chunksMismatched = chunksMismatched;
  }

  public List<ChunkMismatch> getMismatches() {
    return mismatches;
  }

  public void setMismatches(List<ChunkMismatch> mismatches) {
    this.mismatches = mismatches == null ? new ArrayList<>() : mismatches;
  }
}
