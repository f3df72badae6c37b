package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Retry state of the failing phase; absent while nothing fails. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetryStatus {

  @JsonPropertyDescription("The phase that failed.")
  private Phase phase;

  @JsonPropertyDescription("Class of the last failure.")
  private FailureClass failureClass;

  @JsonPropertyDescription("Failed attempts so far in this failure streak.")
  private int attempt = 0;

  @JsonPropertyDescription("When the streak of failures began (RFC 3339).")
  private String firstFailureAt;

  @JsonPropertyDescription("When connection failures of this streak began (RFC 3339); the "
      + "connection window counts from here.")
  private String connectionFailuresSince;

  @JsonPropertyDescription("When other failures of this streak began (RFC 3339); the other "
      + "window counts from here.")
  private String otherFailuresSince;

  @JsonPropertyDescription("When the last failure happened (RFC 3339).")
  private String lastFailureAt;

  @JsonPropertyDescription("When the next attempt starts (RFC 3339); absent once the retries "
      + "are exhausted or the failure is fatal.")
  private String nextAttemptAt;

  @JsonPropertyDescription("When the retry window of the last failure's class ends (RFC 3339).")
  private String windowEndsAt;

  @JsonPropertyDescription("Message of the last failure.")
  private String lastError;

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public FailureClass getFailureClass() {
    return failureClass;
  }

  public void setFailureClass(FailureClass failureClass) {
    this.failureClass = failureClass;
  }

  public int getAttempt() {
    return attempt;
  }

  public void setAttempt(int attempt) {
    this.attempt = attempt;
  }

  public String getFirstFailureAt() {
    return firstFailureAt;
  }

  public void setFirstFailureAt(String firstFailureAt) {
    this.firstFailureAt = firstFailureAt;
  }

  public String getConnectionFailuresSince() {
    return connectionFailuresSince;
  }

  public void setConnectionFailuresSince(String connectionFailuresSince) {
    this.connectionFailuresSince = connectionFailuresSince;
  }

  public String getOtherFailuresSince() {
    return otherFailuresSince;
  }

  public void setOtherFailuresSince(String otherFailuresSince) {
    this.otherFailuresSince = otherFailuresSince;
  }

  public String getLastFailureAt() {
    return lastFailureAt;
  }

  public void setLastFailureAt(String lastFailureAt) {
    this.lastFailureAt = lastFailureAt;
  }

  public String getNextAttemptAt() {
    return nextAttemptAt;
  }

  public void setNextAttemptAt(String nextAttemptAt) {
    this.nextAttemptAt = nextAttemptAt;
  }

  public String getWindowEndsAt() {
    return windowEndsAt;
  }

  public void setWindowEndsAt(String windowEndsAt) {
    this.windowEndsAt = windowEndsAt;
  }

  public String getLastError() {
    return lastError;
  }

  public void setLastError(String lastError) {
    this.lastError = lastError;
  }
}
