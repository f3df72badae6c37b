package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Schema migration settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SchemaSpec {

  @Default("true")
  @JsonPropertyDescription("Create the migrated schemas and tables (and the objects enabled "
      + "below) on the target before loading data. Default true; ignored in mode "
      + "Incremental.")
  private boolean enabled = true;

  @Default("Fail")
  @JsonPropertyDescription("Tables that already exist on the target: Fail (default, reported "
      + "by the precheck) or Ignore (proceed; rows with equal keys keep the target "
      + "version during the full load).")
  private ConflictPolicy conflictPolicy = ConflictPolicy.Fail;

  @Default("Keep")
  @JsonPropertyDescription("Letter case of object names on the target: Keep (default), Lower "
      + "or Upper.")
  private NameCase nameCase = NameCase.Keep;

  @Default("true")
  @JsonPropertyDescription("Migrate views of the migrated schemas. Default true.")
  private boolean views = true;

  @Default("true")
  @JsonPropertyDescription("Migrate triggers of the migrated tables. Default true.")
  private boolean triggers = true;

  @Default("true")
  @JsonPropertyDescription("Migrate stored procedures and functions (SQL SECURITY DEFINER "
      + "becomes INVOKER). Default true.")
  private boolean routines = true;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public ConflictPolicy getConflictPolicy() {
    return conflictPolicy;
  }

  public void setConflictPolicy(ConflictPolicy conflictPolicy) {
    this.conflictPolicy = conflictPolicy == null ? ConflictPolicy.Fail : conflictPolicy;
  }

  public NameCase getNameCase() {
    return nameCase;
  }

  public void setNameCase(NameCase nameCase) {
    this.nameCase = nameCase == null ? NameCase.Keep : nameCase;
  }

  public boolean isViews() {
    return views;
  }

  public void setViews(boolean views) {
    this.views = views;
  }

  public boolean isTriggers() {
    return triggers;
  }

  public void setTriggers(boolean triggers) {
    this.triggers = triggers;
  }

  public boolean isRoutines() {
    return routines;
  }

  public void setRoutines(boolean routines) {
    this.routines = routines;
  }
}
