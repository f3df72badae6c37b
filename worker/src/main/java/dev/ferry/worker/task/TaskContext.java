package dev.ferry.worker.task;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.worker.db.Endpoint;
import dev.ferry.worker.db.SecretReader;
import dev.ferry.worker.status.StatusSink;

/**
 * What every phase of the engine works with: which task (its id keys the ledgers in the target's
 * meta schema), the status sink (spec, status, progress), and the Secrets.
 *
 * @param taskId stable identity of the task, {@code namespace/name} (locally: the manifest's)
 */
public record TaskContext(String taskId, StatusSink sink, SecretReader secrets) {

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
