package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The reverse stream after the cutover: changes of the new target replicated back to the old
 * source, so the application can move back without losing writes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReverseStatus {

  @JsonPropertyDescription("Streaming, or Stopped once spec.cutover.reverse is false.")
  private ReverseState state;

  @JsonPropertyDescription("The old source the stream writes to (spec.sources[].name).")
  private String source;

  @JsonPropertyDescription("When the reverse stream first started (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription("Target binlog position the stream started from: "
      + "status.cutover.targetPosition.")
  private BinlogPosition from;

  @JsonPropertyDescription("Target binlog position when the stream first started: changes "
      + "before it were written by Ferry itself (validation repairs) and are applied "
      + "idempotently.")
  private BinlogPosition safeModeUntil;

  @JsonPropertyDescription("Target binlog position up to which every change is committed on "
      + "the old source (kept there too, in ferry_meta). Never moves backwards.")
  private SourceCheckpoint checkpoint;

  @JsonPropertyDescription("Seconds the old source is behind the new target.")
  private Long lagSeconds;

  @JsonPropertyDescription("Target transactions applied to the old source since the stream "
      + "(re)started.")
  private Long eventsApplied;

  @JsonPropertyDescription("Recent binlog events applied per second.")
  private Double eventsPerSecond;

  @JsonPropertyDescription("When the stream stopped (RFC 3339).")
  private String stoppedAt;

  @JsonPropertyDescription("When these figures were measured (RFC 3339).")
  private String updatedAt;

  public ReverseState getState() {
    return state;
  }

  public void setState(ReverseState state) {
    this.state = state;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public BinlogPosition getFrom() {
    return from;
  }

  public void setFrom(BinlogPosition from) {
    this.from = from;
  }

  public BinlogPosition getSafeModeUntil() {
    return safeModeUntil;
  }

  public void setSafeModeUntil(BinlogPosition safeModeUntil) {
    this.safeModeUntil = safeModeUntil;
  }

  public SourceCheckpoint getCheckpoint() {
    return checkpoint;
  }

  public void setCheckpoint(SourceCheckpoint checkpoint) {
    this.checkpoint = checkpoint;
  }

  public Long getLagSeconds() {
    return lagSeconds;
  }

  public void setLagSeconds(Long lagSeconds) {
    this.lagSeconds = lagSeconds;
  }

  public Long getEventsApplied() {
    return eventsApplied;
  }

  public void setEventsApplied(Long eventsApplied) {
    this.eventsApplied = eventsApplied;
  }

  public Double getEventsPerSecond() {
    return eventsPerSecond;
  }

  public void setEventsPerSecond(Double eventsPerSecond) {
    this.eventsPerSecond = eventsPerSecond;
  }

  public String getStoppedAt() {
    return stoppedAt;
  }

  public void setStoppedAt(String stoppedAt) {
    this.stoppedAt = stoppedAt;
  }

  public String getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(String updatedAt) {
    this.updatedAt = updatedAt;
  }
}
