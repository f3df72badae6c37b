package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * What to do, instead of replaying it, with one DDL statement of the binlog that the target
 * refused (like TiDB DM's {@code handle-error}): skip it, or run other statements in its place.
 * The statement is named by the binlog position the task's error gave for it, or by its GTID.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.position) != has(self.gtid)",
    message = "name the statement by exactly one of position or gtid")
public class DdlOverride {

  /** One GTID: MySQL {@code uuid:n} or {@code uuid:tag:n}, MariaDB {@code domain-server-seq}. */
  public static final String GTID_PATTERN = "^([0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?"
      + "[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}(:[a-zA-Z_][a-zA-Z0-9_]{0,31})?:[0-9]+"
      + "|[0-9]+-[0-9]+-[0-9]+)$";

  @JsonPropertyDescription("The source (spec.sources[].name) whose binlog holds the statement;"
      + " required when the task has several sources.")
  private String source;

  @Pattern("^[^:\\s]+:[0-9]+$")
  @JsonPropertyDescription("Binlog position right after the statement, file:offset, exactly as"
      + " the task's error names it (e.g. binlog.000003:1234). Set either position or gtid.")
  private String position;

  @Pattern(DdlOverride.GTID_PATTERN)
  @JsonPropertyDescription("The statement's GTID, as the task's error names it: uuid:number"
      + " (MySQL, uuid:tag:number with tags) or domain-server-sequence (MariaDB, e.g. 0-1-42)."
      + " Set either position or gtid.")
  private String gtid;

  @JsonPropertyDescription("true: the statement is not run on the target (the target does"
      + " without it, or it was applied by hand). Set either skip or replace.")
  private Boolean skip;

  @JsonPropertyDescription("Statements to run on the target instead, in order, as written"
      + " (qualify table names with their target schema). Set either skip or replace.")
  private List<String> replace;

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getPosition() {
    return position;
  }

  public void setPosition(String position) {
    this.position = position;
  }

  public String getGtid() {
    return gtid;
  }

  public void setGtid(String gtid) {
    this.gtid = gtid;
  }

  public Boolean getSkip() {
    return skip;
  }

  public void setSkip(Boolean skip) {
    this.skip = skip;
  }

  public List<String> getReplace() {
    return replace;
  }

  public void setReplace(List<String> replace) {
    this.replace = replace == null ? null : new ArrayList<>(replace);
  }

  /** Whether the statement is skipped ({@code skip: true}). */
  public boolean skips() {
    return Boolean.TRUE.equals(skip);
  }
}
