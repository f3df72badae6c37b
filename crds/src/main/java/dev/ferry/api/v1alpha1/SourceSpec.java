package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.AnyType;
import java.util.Optional;

/** A source database and how its binlog is read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.startPosition) || !has(self.startPosition.gtidSet)"
    + " || !has(self.gtid) || (type(self.gtid) == bool ? self.gtid : !(self.gtid in ['Disabled',"
    + " 'Off']))", fieldPath = ".startPosition.gtidSet",
    message = "a gtidSet start cannot be used with gtid: Disabled")
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

  @SchemaFrom(type = AnyType.class)
  @Default("Auto")
  @JsonPropertyDescription("Follow the binlog by GTID: Auto (default: GTIDs when the source has"
      + " them on), Required (the precheck fails without them) or Disabled (file and position"
      + " only). The deprecated On and Off, and the booleans YAML makes of them unquoted, are"
      + " read as Required and Disabled.")
  private GtidUsage gtid = GtidUsage.Auto;

  /** The value as written when it was not a current name: deprecated, or not a usage at all. */
  @JsonIgnore
  private Object gtidWritten;

  @JsonPropertyDescription("Where to start reading the binlog in mode Incremental (file + "
      + "position, or a GTID set). Default: the source's current position when the task "
      + "starts.")
  @ValidationRule(value = "has(self.file) || has(self.position) || has(self.gtidSet)",
      message = "give file and position, or gtidSet, or remove startPosition")
  @ValidationRule(value = "!((has(self.file) || has(self.position)) && has(self.gtidSet))",
      message = "give either file and position, or gtidSet")
  @ValidationRule(value = "has(self.file) || !has(self.position)", fieldPath = ".file",
      message = "a position needs its binlog file")
  @ValidationRule(value = "!has(self.file) || self.file.matches('^[A-Za-z0-9_.-]+[.][0-9]+$')",
      fieldPath = ".file", message = "file must be a binlog file name such as mysql-bin.000042")
  @ValidationRule(value = "has(self.position) || !has(self.file)", fieldPath = ".position",
      message = "a binlog file needs a position (4 is its start)")
  @ValidationRule(value = "!has(self.position) || self.position >= 4", fieldPath = ".position",
      message = "position must be 4 or more (4 is the start of a binlog file)")
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
    this.gtidWritten = null;
  }

  /**
   * Reads {@code gtid} as written in a manifest: a name, a deprecated spelling or a boolean.
   * Anything else keeps the default and is reported by the spec validation.
   */
  @JsonSetter("gtid")
  public void readGtid(Object written) {
    Optional<GtidUsage> usage = GtidUsage.of(written);
    this.gtid = usage.orElse(GtidUsage.Auto);
    this.gtidWritten = usage.isPresent() && !GtidUsage.isDeprecated(written) ? null : written;
  }

  /**
   * {@code gtid} as written: a deprecated or unknown value stays as it was through a copy of the
   * resource (the operator works on copies), so it can still be reported.
   */
  @JsonGetter("gtid")
  @ValidationRule(value = "type(self) == bool || (type(self) == string && self in ['Auto',"
      + " 'Required', 'Disabled', 'On', 'Off'])", message = "gtid must be Auto, Required or"
      + " Disabled")
  public Object writeGtid() {
    return gtidWritten != null ? gtidWritten : gtid;
  }

  /** {@code gtid} as written when it was deprecated or unknown; null when it was a name. */
  @JsonIgnore
  public Object getGtidWritten() {
    return gtidWritten;
  }

  public BinlogPosition getStartPosition() {
    return startPosition;
  }

  public void setStartPosition(BinlogPosition startPosition) {
    this.startPosition = startPosition;
  }
}
