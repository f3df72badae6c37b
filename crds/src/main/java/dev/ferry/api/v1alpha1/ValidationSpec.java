package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Validation settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.enabled) || !self.enabled || !has(self.when)"
    + " || size(self.when) > 0", fieldPath = ".when",
    message = "list at least one stage in when, or set enabled: false")
public class ValidationSpec {

  @Default("true")
  @JsonPropertyDescription("Compare source and target data by chunk checksums. Default true.")
  private boolean enabled = true;

  @Default("[\"AfterFullLoad\", \"AtCutover\"]")
  @JsonPropertyDescription("When validation runs: AfterFullLoad, Continuous, AtCutover. "
      + "Default AfterFullLoad and AtCutover.")
  private List<ValidationStage> when = new ArrayList<>(List.of(ValidationStage.AfterFullLoad, ValidationStage.AtCutover));

  @Default("50000")
  @Min(1000)
  @Max(10000000)
  @JsonPropertyDescription("Rows per compared chunk. Default 50000, 1000 to 10000000.")
  private int chunkRows = 50000;

  @Default("false")
  @JsonPropertyDescription("Re-copy chunks found different (only while the source is fenced or "
      + "the task is not replicating). Default false.")
  private boolean repair;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public List<ValidationStage> getWhen() {
    return when;
  }

  public void setWhen(List<ValidationStage> when) {
    this.when = when == null ? new ArrayList<>(List.of(ValidationStage.AfterFullLoad, ValidationStage.AtCutover)) : when;
  }

  public int getChunkRows() {
    return chunkRows;
  }

  public void setChunkRows(int chunkRows) {
    this.chunkRows = chunkRows;
  }

  public boolean isRepair() {
    return repair;
  }

  public void setRepair(boolean repair) {
    this.repair = repair;
  }
}
