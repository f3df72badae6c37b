package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Online DDL (gh-ost, pt-online-schema-change) handling. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OnlineDdlSpec {

  @Default("Migrate")
  @JsonPropertyDescription("Migrate (default) or SkipGhost.")
  private OnlineDdlPolicy policy = OnlineDdlPolicy.Migrate;

  @Default("^_(.+)_(?:gho|new)$")
  @JsonPropertyDescription("Regular expression for shadow tables (group 1 = the real table "
      + "name). Default ^_(.+)_(?:gho|new)$.")
  private String shadowTableRegex = "^_(.+)_(?:gho|new)$";

  @Default("^_(.+)_(?:ghc|del|old)$")
  @JsonPropertyDescription("Regular expression for helper tables that are never replicated. "
      + "Default ^_(.+)_(?:ghc|del|old)$.")
  private String uselessTableRegex = "^_(.+)_(?:ghc|del|old)$";

  public OnlineDdlPolicy getPolicy() {
    return policy;
  }

  public void setPolicy(OnlineDdlPolicy policy) {
    this.policy = policy == null ? OnlineDdlPolicy.Migrate : policy;
  }

  public String getShadowTableRegex() {
    return shadowTableRegex;
  }

  public void setShadowTableRegex(String shadowTableRegex) {
    this.shadowTableRegex = shadowTableRegex == null ? "^_(.+)_(?:gho|new)$" : shadowTableRegex;
  }

  public String getUselessTableRegex() {
    return uselessTableRegex;
  }

  public void setUselessTableRegex(String uselessTableRegex) {
    this.uselessTableRegex = uselessTableRegex == null ? "^_(.+)_(?:ghc|del|old)$" : uselessTableRegex;
  }
}
