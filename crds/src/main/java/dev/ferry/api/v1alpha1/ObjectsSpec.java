package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Which schemas and tables are migrated (a block-allow list), and per-table rules. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectsSpec {

  @JsonPropertyDescription("Tables to migrate: schema.table patterns with * and ? globs, a "
      + "bare schema name for all its tables, or ~regex matched against schema.table. "
      + "Empty: every non-system schema.")
  private List<String> include = new ArrayList<>();

  @JsonPropertyDescription("Tables never migrated, even when included; same pattern syntax as "
      + "include.")
  private List<String> exclude = new ArrayList<>();

  @JsonPropertyDescription("Per-table rules: renames, row filters, replicated operations. The "
      + "first rule whose match fits a table applies.")
  private List<TableRule> rules = new ArrayList<>();

  public List<String> getInclude() {
    return include;
  }

  public void setInclude(List<String> include) {
    this.include = include == null ? new ArrayList<>() : include;
  }

  public List<String> getExclude() {
    return exclude;
  }

  public void setExclude(List<String> exclude) {
    this.exclude = exclude == null ? new ArrayList<>() : exclude;
  }

  public List<TableRule> getRules() {
    return rules;
  }

  public void setRules(List<TableRule> rules) {
    this.rules = rules == null ? new ArrayList<>() : rules;
  }
}
