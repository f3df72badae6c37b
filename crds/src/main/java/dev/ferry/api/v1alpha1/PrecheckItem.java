package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Result of one precheck item. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrecheckItem {

  @JsonPropertyDescription("Name of the check item.")
  private String name;

  @JsonPropertyDescription("Pass, Warn, Fail or Skipped.")
  private CheckResult result;

  @JsonPropertyDescription("What was found.")
  private String message;

  @JsonPropertyDescription("How to fix it, when it did not pass.")
  private String remedy;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public CheckResult getResult() {
    return result;
  }

  public void setResult(CheckResult result) {
    this.result = result;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getRemedy() {
    return remedy;
  }

  public void setRemedy(String remedy) {
    this.remedy = remedy;
  }
}
