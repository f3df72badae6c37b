package dev.ferry.worker.cli;

import dev.ferry.worker.metrics.MetricsEndpoint;
import dev.ferry.worker.metrics.WorkerMetrics;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The {@code --metrics-port} option of {@code ferry run} and {@code ferry worker}: while the
 * command runs, Prometheus metrics are served on that port at {@code /metrics}. Off unless given
 * (or {@code FERRY_METRICS_PORT} is set, as in worker pods). A port that cannot be bound is
 * logged and the task runs without metrics: they never stop a migration.
 */
final class MetricsOption implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsOption.class);

  @Option(names = "--metrics-port", paramLabel = "PORT",
      defaultValue = "${env:FERRY_METRICS_PORT}",
      description = "Serve Prometheus metrics on this port at /metrics (default: off;"
          + " env FERRY_METRICS_PORT).")
  Integer port;

  private MetricsEndpoint endpoint;

  /** Starts the endpoint when asked to, and returns the metrics of {@code taskId}. */
  WorkerMetrics start(String taskId) {
    if (port == null) {
      return WorkerMetrics.disabled();
    }
    try {
      endpoint = MetricsEndpoint.start(port);
      LOG.info("metrics: http://localhost:{}/metrics", endpoint.port());
      return new WorkerMetrics(endpoint.registry(), taskId);
    } catch (IOException e) {
      LOG.warn("cannot serve metrics on port {} ({}); running without metrics", port,
          e.getMessage());
      return WorkerMetrics.disabled();
    }
  }

  @Override
  public void close() {
    if (endpoint != null) {
      endpoint.close();
    }
  }
}
