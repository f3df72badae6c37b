/**
 * The worker's Prometheus metrics: one facade the engine reports through
 * ({@link dev.ferry.worker.metrics.WorkerMetrics}, and per source
 * {@link dev.ferry.worker.metrics.SourceMetrics}), the JVM and process binders, and the
 * {@code /metrics} endpoint of a worker pod or of {@code ferry run --metrics-port}
 * ({@link dev.ferry.worker.metrics.MetricsEndpoint}). The phases call the facade at their
 * existing seams (full-load progress, the applier's counters, the lag measure, the validation
 * tally) and never touch a meter registry themselves.
 *
 * <p>May use: no other package of the worker.
 */
package dev.ferry.worker.metrics;
