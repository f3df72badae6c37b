package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The binlog position of one source up to which every change is committed on the target. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceCheckpoint {

  @JsonPropertyDescription("Name of the source (spec.sources[].name).")
  private String source;

  @JsonPropertyDescription("Binlog file of the checkpoint.")
  private String file;

  @JsonPropertyDescription("Offset in the binlog file of the checkpoint.")
  private Long position;

  @JsonPropertyDescription("GTID set executed up to the checkpoint.")
  private String gtidSet;

  @JsonPropertyDescription("Source commit time of the last event at or before the checkpoint "
      + "(RFC 3339).")
  private String eventTime;

  @JsonPropertyDescription("When the checkpoint was last advanced (RFC 3339).")
  private String updatedAt;

  @JsonPropertyDescription("Position where the full load ended: changes before it are applied "
      + "idempotently (safe mode).")
  private BinlogPosition safeModeUntil;

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getFile() {
    return file;
  }

  public void setFile(String file) {
    this.file = file;
  }

  public Long getPosition() {
    return position;
  }

  public void setPosition(Long position) {
    this.position = position;
  }

  public String getGtidSet() {
    return gtidSet;
  }

  public void setGtidSet(String gtidSet) {
    this.gtidSet = gtidSet;
  }

  public String getEventTime() {
    return eventTime;
  }

  public void setEventTime(String eventTime) {
    this.eventTime = eventTime;
  }

  public String getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(String updatedAt) {
    this.updatedAt = updatedAt;
  }

  public BinlogPosition getSafeModeUntil() {
    return safeModeUntil;
  }

  public void setSafeModeUntil(BinlogPosition safeModeUntil) {
    this.safeModeUntil = safeModeUntil;
  }
}
