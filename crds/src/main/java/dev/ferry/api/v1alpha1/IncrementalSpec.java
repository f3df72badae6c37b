package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Incremental (binlog) replication settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IncrementalSpec {

  @Default("8")
  @Min(1)
  @Max(64)
  @JsonPropertyDescription("Parallel apply lanes on the target; rows with the same key always "
      + "use the same lane. Default 8, 1 to 64.")
  private int applyThreads = 8;

  @Default("500")
  @Min(1)
  @Max(100000)
  @JsonPropertyDescription("Maximum row changes per target transaction when small source "
      + "transactions are grouped (a source transaction is never split). Default 500, 1 "
      + "to 100000.")
  private int batchSize = 500;

  @Default("{}")
  @JsonPropertyDescription("Rate limit of the apply.")
  private ThrottleSpec throttle = new ThrottleSpec();

  @Default("{}")
  @JsonPropertyDescription("Online DDL tool handling.")
  private OnlineDdlSpec onlineDdl = new OnlineDdlSpec();

  @Default("{}")
  @JsonPropertyDescription("Heartbeat table on the source.")
  private HeartbeatSpec heartbeat = new HeartbeatSpec();

  @Default("60s")
  @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
  @JsonPropertyDescription("How long after each start of the stream a replayed table DDL whose "
      + "effect the target already shows (table exists, duplicate column or index, nothing to "
      + "drop) is logged and skipped instead of stopping the task, e.g. for a schema prepared "
      + "ahead of spec.sources[].startPosition (mode All needs none: DDL a table's full-load "
      + "copy holds is skipped exactly). Rows are never applied idempotently because of it (a "
      + "resume needs no such window: checkpoints commit with the rows). Default 60s, 0s to "
      + "24h.")
  @ValidationRule(value = "duration(self) >= duration('0s') && duration(self) <= duration('24h')", message = "safeModeWindow must be from"
      + " 0s to 24h")
  private String safeModeWindow = "60s";

  @Default("Apply")
  @JsonPropertyDescription("Schema changes from the binlog: Apply (default), Ignore or Stop.")
  private DdlPolicy ddlPolicy = DdlPolicy.Apply;

  @JsonPropertyDescription("A way past a DDL statement the target refused (the task stops at"
      + " it and names its binlog position in status.retry.lastError): each entry names one"
      + " statement by source and position and either skips it or replaces it with other"
      + " statements. It applies to that statement only, whatever ddlPolicy says.")
  private List<DdlOverride> ddlOverrides = new ArrayList<>();

  @Default("Fail")
  @JsonPropertyDescription("What to do when the target disagrees with a replicated row change "
      + "(after the full load's end): an INSERT whose key the target already holds, an UPDATE "
      + "or DELETE that finds no row, an affected-row count that differs from the source's. "
      + "Fail (default) stops the task naming the table, key and binlog position; Overwrite "
      + "makes the target row the source's (REPLACE, or insert the missing row); Skip leaves "
      + "the target row. Every Overwrite and Skip is counted in status.replication.conflicts "
      + "and logged. spec.objects.rules[].onConflict overrides it per table.")
  private RowConflictPolicy onConflict = RowConflictPolicy.Fail;

  public int getApplyThreads() {
    return applyThreads;
  }

  public void setApplyThreads(int applyThreads) {
    this.applyThreads = applyThreads;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }

  public ThrottleSpec getThrottle() {
    return throttle;
  }

  public void setThrottle(ThrottleSpec throttle) {
    this.throttle = throttle == null ? new ThrottleSpec() : throttle;
  }

  public OnlineDdlSpec getOnlineDdl() {
    return onlineDdl;
  }

  public void setOnlineDdl(OnlineDdlSpec onlineDdl) {
    this.onlineDdl = onlineDdl == null ? new OnlineDdlSpec() : onlineDdl;
  }

  public HeartbeatSpec getHeartbeat() {
    return heartbeat;
  }

  public void setHeartbeat(HeartbeatSpec heartbeat) {
    this.heartbeat = heartbeat == null ? new HeartbeatSpec() : heartbeat;
  }

  public String getSafeModeWindow() {
    return safeModeWindow;
  }

  public void setSafeModeWindow(String safeModeWindow) {
    this.safeModeWindow = safeModeWindow == null ? "60s" : safeModeWindow;
  }

  public RowConflictPolicy getOnConflict() {
    return onConflict;
  }

  public void setOnConflict(RowConflictPolicy onConflict) {
    this.onConflict = onConflict == null ? RowConflictPolicy.Fail : onConflict;
  }

  public List<DdlOverride> getDdlOverrides() {
    return ddlOverrides;
  }

  public void setDdlOverrides(List<DdlOverride> ddlOverrides) {
    this.ddlOverrides = ddlOverrides == null ? new ArrayList<>() : new ArrayList<>(ddlOverrides);
  }

  public DdlPolicy getDdlPolicy() {
    return ddlPolicy;
  }

  public void setDdlPolicy(DdlPolicy ddlPolicy) {
    this.ddlPolicy = ddlPolicy == null ? DdlPolicy.Apply : ddlPolicy;
  }
}
