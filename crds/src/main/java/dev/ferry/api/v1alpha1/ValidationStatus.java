package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Validation summary. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValidationStatus {

  @JsonPropertyDescription("Which stage ran this validation: AfterFullLoad, Continuous or "
      + "AtCutover. Passes while replicating (AfterFullLoad in mode All, Continuous) write this "
      + "summary once each pass ends.")
  private ValidationStage stage;

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

  @JsonPropertyDescription("Chunks that differed while changes were in flight and were compared "
      + "again once the apply had passed the source position they were read at (passes while "
      + "replicating).")
  private Long chunksRechecked;

  @JsonPropertyDescription("Chunks left undecided by a pass while replicating, because their rows "
      + "kept changing through every re-check, the apply stayed too far behind, or their table "
      + "changed shape; the next pass compares them again.")
  private Long chunksUnsettled;

  @JsonPropertyDescription("Validation passes completed while replicating in this task.")
  private Integer passes;

  @JsonPropertyDescription("The first mismatching chunks (bounded).")
  private List<ChunkMismatch> mismatches = new ArrayList<>();

  public ValidationStage getStage() {
    return stage;
  }

  public void setStage(ValidationStage stage) {
    this.stage = stage;
  }

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

  public Long getChunksRechecked() {
    return chunksRechecked;
  }

  public void setChunksRechecked(Long chunksRechecked) {
    this.chunksRechecked = chunksRechecked;
  }

  public Long getChunksUnsettled() {
    return chunksUnsettled;
  }

  public void setChunksUnsettled(Long chunksUnsettled) {
    this.chunksUnsettled = chunksUnsettled;
  }

  public Integer getPasses() {
    return passes;
  }

  public void setPasses(Integer passes) {
    this.passes = passes;
  }

  public List<ChunkMismatch> getMismatches() {
    return mismatches;
  }

  public void setMismatches(List<ChunkMismatch> mismatches) {
    this.mismatches = mismatches == null ? new ArrayList<>() : mismatches;
  }
}
