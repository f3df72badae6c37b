package dev.ferry.worker.kube;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.Endpoint;
import dev.ferry.worker.engine.RunStates;
import dev.ferry.worker.engine.StoredRun;
import dev.ferry.worker.task.StateKey;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the state one run of a task keeps on its target (every ledger row of
 * {@code namespace/name@run} in the meta schema, in one transaction): what the operator's cleanup
 * pod runs when a task with {@code spec.cleanup: Delete} is deleted. The target comes from the
 * task, still on the API server while its finalizer holds it; the credentials from the
 * environment. The current run of a task that is not being deleted is never removed.
 */
public final class RunCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(RunCleanup.class);

  private final WorkerEnvironment environment;
  private final String namespace;
  private final String task;
  private final String runId;

  /** The removal of run {@code runId} of task {@code namespace/task}. */
  public RunCleanup(WorkerEnvironment environment, String namespace, String task, String runId) {
    this.environment = environment;
    this.namespace = namespace;
    this.task = task;
    this.runId = runId;
  }

  /**
   * Removes the run's rows.
   *
   * @return rows removed (0 when the run has no state on the target)
   * @throws FerryException when the task cannot be read, is gone, or the run is its live run
   * @throws SQLException when the target refuses or cannot be reached
   */
  public long run() throws SQLException {
    MigrationTask current = readTask();
    if (runId.equals(current.getMetadata().getUid())
        && current.getMetadata().getDeletionTimestamp() == null) {
      throw new FerryException(FailureClass.Fatal, "run " + runId + " is the current run of "
          + namespace + "/" + task + ", which is not being deleted; its state stays");
    }
    StateKey key = new StateKey(namespace + "/" + task, runId);
    Endpoint target = Endpoint.of("target", current.getSpec().getTarget(),
        environment.secrets());
    try (Connection connection = Database.connectOnce(target)) {
      Optional<StoredRun> stored = RunStates.list(connection).stream()
          .filter(run -> run.key().equals(key))
          .findFirst();
      if (stored.isEmpty()) {
        LOG.info("run {} has no state on target {}: nothing to remove", key.text(),
            target.address());
        return 0;
      }
      long removed = RunStates.remove(connection, stored.get());
      LOG.info("removed the state of run {} from target {}: {} rows of {}", key.text(),
          target.address(), removed, stored.get().rows().keySet());
      return removed;
    }
  }

  private MigrationTask readTask() {
    MigrationTask current;
    try {
      current = environment.client().resources(MigrationTask.class).inNamespace(namespace)
          .withName(task).get();
    } catch (KubernetesClientException e) {
      throw new FerryException(FailureClass.Connection, "cannot read MigrationTask " + namespace
          + "/" + task + " from the API server: " + e.getMessage(), e);
    }
    if (current == null) {
      throw new FerryException(FailureClass.Fatal, "MigrationTask " + namespace + "/" + task
          + " no longer exists, so its target is unknown; remove the state of run " + runId
          + " with: ferry cleanup -f <task.yaml> --run " + runId);
    }
    return current;
  }
}
