package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Cutover settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CutoverSpec {

  @Default("false")
  @JsonPropertyDescription("Start the cutover: wait for the lag to reach maxLag, fence the "
      + "source, drain, validate, complete. Setting it back to false before the fence "
      + "cancels. Modes Incremental and All.")
  private boolean requested;

  @Default("1s")
  @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
  @JsonPropertyDescription("Lag at or under which the cutover fences the source, as a "
      + "duration. Default 1s, 0s to 1h.")
  @ValidationRule(value = "duration(self) >= duration('0s') && duration(self) <= duration('1h')", message = "maxLag must be from 0s to 1h")
  private String maxLag = "1s";

  @Default("None")
  @JsonPropertyDescription("None (default) or ReadOnly.")
  private FenceMode fence = FenceMode.None;

  @Default("false")
  @JsonPropertyDescription("After cutover, replicate changes from the new target back to the "
      + "old source (phase Reverse), for a rollback without data loss. Set it before the "
      + "cutover completes; setting it back to false stops the reverse stream after its last "
      + "checkpoint and completes the task. Modes Incremental and All, one source, and "
      + "target.writeBinlog true. Default false.")
  private boolean reverse;

  public boolean isRequested() {
    return requested;
  }

  public void setRequested(boolean requested) {
    this.requested = requested;
  }

  public String getMaxLag() {
    return maxLag;
  }

  public void setMaxLag(String maxLag) {
    this.maxLag = maxLag == null ? "1s" : maxLag;
  }

  public FenceMode getFence() {
    return fence;
  }

  public void setFence(FenceMode fence) {
    this.fence = fence == null ? FenceMode.None : fence;
  }

  public boolean isReverse() {
    return reverse;
  }

  public void setReverse(boolean reverse) {
    this.reverse = reverse;
  }
}
