package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Progress of a requested cutover. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CutoverStatus {

  @JsonPropertyDescription("When the cutover request was seen (RFC 3339).")
  private String requestedAt;

  @JsonPropertyDescription("When the source was fenced (RFC 3339).")
  private String fencedAt;

  @JsonPropertyDescription("How the source was fenced: ReadOnly (read_only = ON) or "
      + "WriteBlockingTriggers (triggers named ferry_fence_* on every migrated table, when the "
      + "account may not set read_only). Both stay after the cutover; lift them yourself.")
  private FenceMethod fenceMethod;

  @JsonPropertyDescription("When every change up to the fence was applied (RFC 3339).")
  private String drainedAt;

  @JsonPropertyDescription("Seconds between fence and drained: how long writes were blocked.")
  private Double writeDowntimeSeconds;

  @JsonPropertyDescription("Target binlog position at cutover; the reverse stream starts "
      + "there.")
  private BinlogPosition targetPosition;

  public String getRequestedAt() {
    return requestedAt;
  }

  public void setRequestedAt(String requestedAt) {
    this.requestedAt = requestedAt;
  }

  public String getFencedAt() {
    return fencedAt;
  }

  public void setFencedAt(String fencedAt) {
    this.fencedAt = fencedAt;
  }

  public FenceMethod getFenceMethod() {
    return fenceMethod;
  }

  public void setFenceMethod(FenceMethod fenceMethod) {
    this.fenceMethod = fenceMethod;
  }

  public String getDrainedAt() {
    return drainedAt;
  }

  public void setDrainedAt(String drainedAt) {
    this.drainedAt = drainedAt;
  }

  public Double getWriteDowntimeSeconds() {
    return writeDowntimeSeconds;
  }

  public void setWriteDowntimeSeconds(Double writeDowntimeSeconds) {
    this.writeDowntimeSeconds = writeDowntimeSeconds;
  }

  public BinlogPosition getTargetPosition() {
    return targetPosition;
  }

  public void setTargetPosition(BinlogPosition targetPosition) {
    this.targetPosition = targetPosition;
  }
}
