package dev.ferry.worker.task;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.worker.db.Endpoint;
import dev.ferry.worker.db.SecretReader;
import dev.ferry.worker.metrics.WorkerMetrics;
import dev.ferry.worker.status.StatusSink;

/**
 * What every phase of the engine works with: which run of which task (its {@link #stateKey()}
 * keys the ledgers in the target's meta schema), the status sink (spec, status, progress), and
 * the Secrets, and the metrics facade the phases report through.
 *
 * @param taskId readable identity of the task, {@code namespace/name} (locally: the manifest's)
 * @param runId one run of that task: the resource's uid, locally a random id kept in the state
 *     file; a task re-created under the same name is a new run
 * @param metrics where the phases report what they did (rows copied, events applied, lag, ...)
 */
public record TaskContext(String taskId, String runId, StatusSink sink, SecretReader secrets,
    WorkerMetrics metrics) {

  /** A context; the run id must be present. */
  public TaskContext {
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("task " + taskId + " has no run id");
    }
  }

  /** A context whose metrics go nowhere (no metrics endpoint). */
  public TaskContext(String taskId, String runId, StatusSink sink, SecretReader secrets) {
    this(taskId, runId, sink, secrets, WorkerMetrics.disabled());
  }

  /** The key of this run's state on the target: {@code namespace/name@runId}. */
  public String stateKey() {
    return new StateKey(taskId, runId).text();
  }

  /** The current spec (re-read: some settings change while running). */
  public MigrationTaskSpec spec() {
    return sink.spec();
  }

  /** The target endpoint with its credentials. */
  public Endpoint target() {
    return Endpoint.of("target", spec().getTarget(), secrets);
  }

  /** The endpoint of one source with its credentials. */
  public Endpoint source(SourceSpec source) {
    return Endpoint.of(source.getName(), source, secrets);
  }
}
