package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Timing of one phase of the task. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PhaseRecord {

  @JsonPropertyDescription("The phase.")
  private Phase phase;

  @JsonPropertyDescription("Running, Succeeded or Failed.")
  private PhaseOutcome outcome;

  @JsonPropertyDescription("When the phase first started (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription("When the phase succeeded (RFC 3339).")
  private String completedAt;

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public PhaseOutcome getOutcome() {
    return outcome;
  }

  public void setOutcome(PhaseOutcome outcome) {
    this.outcome = outcome;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getCompletedAt() {
    return completedAt;
  }

  public void setCompletedAt(String completedAt) {
    this.completedAt = completedAt;
  }
}
