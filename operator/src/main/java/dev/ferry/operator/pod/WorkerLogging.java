package dev.ferry.operator.pod;

import dev.ferry.logging.FerryLogging;
import dev.ferry.logging.LogFormat;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.List;
import java.util.Locale;

/**
 * How worker pods log: the level and format the operator gives every worker and cleanup pod as
 * {@value FerryLogging#LEVEL_VARIABLE} and {@value FerryLogging#FORMAT_VARIABLE} (Helm values
 * worker.logLevel and worker.logFormat), which {@code ferry} reads at start.
 *
 * @param level error, warn, info, debug or trace
 * @param format the lines' format: JSON unless the cluster admin chose text
 */
public record WorkerLogging(String level, LogFormat format) {

  /** JSON lines at info: what log collectors of a cluster read best. */
  public static final WorkerLogging DEFAULT = new WorkerLogging("info", LogFormat.JSON);

  private static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");

  /**
   * The settings named {@code level} and {@code format} (any case).
   *
   * @throws IllegalArgumentException naming the flag and the values allowed
   */
  public static WorkerLogging of(String level, String format) {
    String name = level.trim().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(name)) {
      throw new IllegalArgumentException("the worker log level " + level + " is not one of "
          + String.join(", ", LEVELS) + "; fix --worker-log-level or FERRY_WORKER_LOG_LEVEL");
    }
    try {
      return new WorkerLogging(name, LogFormat.parse(format));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the worker log format: " + e.getMessage()
          + "; fix --worker-log-format or FERRY_WORKER_LOG_FORMAT", e);
    }
  }

  /** The variables of a worker container that set its logging. */
  List<EnvVar> env() {
    return List.of(
        new EnvVarBuilder().withName(FerryLogging.LEVEL_VARIABLE).withValue(level).build(),
        new EnvVarBuilder().withName(FerryLogging.FORMAT_VARIABLE)
            .withValue(format.name().toLowerCase(Locale.ROOT)).build());
  }
}
