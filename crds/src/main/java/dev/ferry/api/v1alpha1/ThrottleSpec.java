package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * A rate limit. Zero or absent means unlimited; the limits can be changed while the task runs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ThrottleSpec {

  @Min(0)
  @JsonPropertyDescription("Maximum rows per second. Absent or 0: unlimited.")
  private Long rowsPerSecond;

  @JsonPropertyDescription("Maximum bytes per second as a quantity (for example 50Mi). Absent "
      + "or 0: unlimited.")
  private Quantity bytesPerSecond;

  public Long getRowsPerSecond() {
    return rowsPerSecond;
  }

  public void setRowsPerSecond(Long rowsPerSecond) {
    this.rowsPerSecond = rowsPerSecond;
  }

  public Quantity getBytesPerSecond() {
    return bytesPerSecond;
  }

  public void setBytesPerSecond(Quantity bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
  }
}
