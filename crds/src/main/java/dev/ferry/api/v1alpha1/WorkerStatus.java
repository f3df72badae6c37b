package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The worker pods of the current phase. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerStatus {

  @JsonPropertyDescription("Phase the pods run.")
  private Phase phase;

  @JsonPropertyDescription("Attempt number of that phase (0 = first).")
  private int attempt = 0;

  @JsonPropertyDescription("Names of the worker pods.")
  private List<String> pods = new ArrayList<>();

  @JsonPropertyDescription("When the pods were created (RFC 3339).")
  private String startedAt;

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public int getAttempt() {
    return attempt;
  }

  public void setAttempt(int attempt) {
    this.attempt = attempt;
  }

  public List<String> getPods() {
    return pods;
  }

  public void setPods(List<String> pods) {
    this.pods = pods == null ? new ArrayList<>() : pods;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }
}
