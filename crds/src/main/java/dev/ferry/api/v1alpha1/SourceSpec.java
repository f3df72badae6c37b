package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A source database and how its binlog is read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceSpec extends EndpointSpec {

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 63)
  @JsonPropertyDescription("Unique name of this source within the task (a DNS label); used in "
      + "status, metrics and worker pod names.")
  private String name;

  @Min(1)
  @Max(4294967295L)
  @JsonPropertyDescription("Server id the binlog reader presents to the source. Must be unique "
      + "among all replicas and binlog readers of that source. Default: derived from the "
      + "task and source names.")
  private Long serverId;

  @JsonPropertyDescription("Follow the binlog by GTID: Auto (default), On or Off.")
  private GtidUsage gtid = GtidUsage.Auto;

  @JsonPropertyDescription("Where to start reading the binlog in mode Incremental (file + "
      + "position, or a GTID set). Default: the source's current position when the task "
      + "starts.")
  private BinlogPosition startPosition;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Long getServerId() {
    return serverId;
  }

  public void setServerId(Long serverId) {
    this.serverId = serverId;
  }

  public GtidUsage getGtid() {
    return gtid;
  }

  public void setGtid(GtidUsage gtid) {
    this.gtid = gtid == null ? GtidUsage.Auto : gtid;
  }

  public BinlogPosition getStartPosition() {
    return startPosition;
  }

  public void setStartPosition(BinlogPosition startPosition) {
    this.startPosition = startPosition;
  }
}
