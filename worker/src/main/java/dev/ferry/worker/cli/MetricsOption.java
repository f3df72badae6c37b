package dev.ferry.worker.cli;

import dev.ferry.worker.metrics.MetricsEndpoint;
import dev.ferry.worker.metrics.WorkerMetrics;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The {@code --metrics-port} option of {@code ferry run} and {@code ferry worker}: while the
 * command runs, Prometheus metrics are served on that port at {@code /metrics} (or on the port
 * in {@code FERRY_METRICS_PORT}). {@code ferry run} serves none unless asked; {@code ferry
 * worker} serves them on {@link #WORKER_PORT} by default. A port that cannot be bound is logged
 * and the task runs without metrics: they never stop a migration.
 */
final class MetricsOption implements AutoCloseable {

  /** The port a worker pod serves its metrics on unless told otherwise. */
  static final int WORKER_PORT = 9400;

  private static final Logger LOG = LoggerFactory.getLogger(MetricsOption.class);

  @Option(names = "--metrics-port", paramLabel = "PORT",
      defaultValue = "${env:FERRY_METRICS_PORT}",
      description = "Serve Prometheus metrics on this port at /metrics (env"
          + " FERRY_METRICS_PORT; default: off for run, 9400 for worker).")
  Integer port;

  private MetricsEndpoint endpoint;

  /** Starts the endpoint when asked to, and returns the metrics of {@code taskId}. */
  WorkerMetrics start(String taskId) {
    return port == null ? WorkerMetrics.disabled() : serve(port, taskId);
  }

  /** Starts the endpoint on the port asked for, else on {@code defaultPort}. */
  WorkerMetrics start(String taskId, int defaultPort) {
    return serve(port == null ? defaultPort : port, taskId);
  }

  private WorkerMetrics serve(int port, String taskId) {
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
