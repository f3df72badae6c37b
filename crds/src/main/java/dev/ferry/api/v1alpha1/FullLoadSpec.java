package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Full data load settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FullLoadSpec {

  @Default("4")
  @Min(1)
  @Max(64)
  @JsonPropertyDescription("Tables or chunks copied in parallel per worker pod. Default 4, 1 "
      + "to 64.")
  private int threads = 4;

  @Default("50000")
  @Min(1000)
  @Max(10000000)
  @JsonPropertyDescription("Rows per chunk; a chunk is the unit of parallelism and of resume. "
      + "Default 50000, 1000 to 10000000.")
  private int chunkRows = 50000;

  @Default("1")
  @Min(1)
  @Max(StatusLimits.MAX_WORKER_PODS)
  @JsonPropertyDescription("Worker pods sharing the full load (each takes its share of the "
      + "chunks). Default 1, 1 to 32.")
  private int pods = 1;

  @Default("{}")
  @JsonPropertyDescription("Rate limit of the full load, per task.")
  private ThrottleSpec throttle = new ThrottleSpec();

  public int getThreads() {
    return threads;
  }

  public void setThreads(int threads) {
    this.threads = threads;
  }

  public int getChunkRows() {
    return chunkRows;
  }

  public void setChunkRows(int chunkRows) {
    this.chunkRows = chunkRows;
  }

  public int getPods() {
    return pods;
  }

  public void setPods(int pods) {
    this.pods = pods;
  }

  public ThrottleSpec getThrottle() {
    return throttle;
  }

  public void setThrottle(ThrottleSpec throttle) {
    this.throttle = throttle == null ? new ThrottleSpec() : throttle;
  }
}
