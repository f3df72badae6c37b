package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A position in a source's binlog: a file and offset, a GTID set, or both. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BinlogPosition {

  @JsonPropertyDescription("Binlog file name, for example mysql-bin.000042.")
  private String file;

  @JsonPropertyDescription("Byte offset in the binlog file (4 or more).")
  private Long position;

  @JsonPropertyDescription("GTID set already executed: MySQL form (uuid:1-100,uuid2:1-5) or "
      + "MariaDB form (0-1-100,1-2-7).")
  private String gtidSet;

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
}
