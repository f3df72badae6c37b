package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Incremental replication health. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicationStatus {

  @JsonPropertyDescription("Seconds the target is behind the source (the most behind source).")
  private Long lagSeconds;

  @JsonPropertyDescription("Recent binlog events applied per second.")
  private Double eventsPerSecond;

  @JsonPropertyDescription("Recent row changes applied per second.")
  private Double rowsPerSecond;

  @JsonPropertyDescription("Binlog events applied since the phase started.")
  private Long eventsApplied;

  @JsonPropertyDescription("Whether changes are applied idempotently right now.")
  private Boolean safeMode;

  @JsonPropertyDescription("Set while the binlog position a source must still be read from "
      + "(the full load's start position, or the incremental checkpoint) is at risk of being "
      + "purged: in the oldest file the source keeps, or with less time left at the current "
      + "rate than the task needs. Names the source, the file and the time left; raise the "
      + "binlog retention.")
  private String binlogAtRisk;

  @JsonPropertyDescription("Row conflicts resolved by policy Overwrite since the phase "
      + "started (all tables; see spec.incremental.onConflict).")
  private Long conflictsOverwritten;

  @JsonPropertyDescription("Row conflicts resolved by policy Skip since the phase started (all "
      + "tables).")
  private Long conflictsSkipped;

  @JsonPropertyDescription("Row conflicts per target table (the first tables that had one, "
      + "bounded), with the latest of each.")
  private List<TableConflicts> conflicts = new ArrayList<>();

  @JsonPropertyDescription("When these figures were measured (RFC 3339).")
  private String updatedAt;

  public Long getLagSeconds() {
    return lagSeconds;
  }

  public void setLagSeconds(Long lagSeconds) {
    this.lagSeconds = lagSeconds;
  }

  public Double getEventsPerSecond() {
    return eventsPerSecond;
  }

  public void setEventsPerSecond(Double eventsPerSecond) {
    this.eventsPerSecond = eventsPerSecond;
  }

  public Double getRowsPerSecond() {
    return rowsPerSecond;
  }

  public void setRowsPerSecond(Double rowsPerSecond) {
    this.rowsPerSecond = rowsPerSecond;
  }

  public Long getEventsApplied() {
    return eventsApplied;
  }

  public void setEventsApplied(Long eventsApplied) {
    this.eventsApplied = eventsApplied;
  }

  public Boolean getSafeMode() {
    return safeMode;
  }

  public void setSafeMode(Boolean safeMode) {
    this.safeMode = safeMode;
  }

  public String getBinlogAtRisk() {
    return binlogAtRisk;
  }

  public void setBinlogAtRisk(String binlogAtRisk) {
    this.binlogAtRisk = binlogAtRisk;
  }

  public Long getConflictsOverwritten() {
    return conflictsOverwritten;
  }

  public void setConflictsOverwritten(Long conflictsOverwritten) {
    this.conflictsOverwritten = conflictsOverwritten;
  }

  public Long getConflictsSkipped() {
    return conflictsSkipped;
  }

  public void setConflictsSkipped(Long conflictsSkipped) {
    this.conflictsSkipped = conflictsSkipped;
  }

  public List<TableConflicts> getConflicts() {
    return conflicts;
  }

  public void setConflicts(List<TableConflicts> conflicts) {
    this.conflicts = conflicts == null ? new ArrayList<>() : conflicts;
  }

  public String getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(String updatedAt) {
    this.updatedAt = updatedAt;
  }
}
