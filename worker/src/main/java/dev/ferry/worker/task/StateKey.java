package dev.ferry.worker.task;

/**
 * The key of one run of one task in everything Ferry keeps on the target (ledgers, lane
 * checkpoints, locks): {@code namespace/name@runId}. The readable task name comes first, so a
 * listing groups a task's runs; the run id (a Kubernetes resource's uid, locally a random id kept
 * in the state file) makes a task re-created under the same name start with empty ledgers.
 *
 * @param taskId the task's name, {@code namespace/name}
 * @param runId the run of that task; empty for state written before run ids existed
 */
public record StateKey(String taskId, String runId) {

  /** Between task name and run id; Kubernetes names and uids never contain it. */
  public static final char SEPARATOR = '@';

  /** The key as stored in the {@code task_id} column of the ledgers. */
  public String text() {
    return runId.isEmpty() ? taskId : taskId + SEPARATOR + runId;
  }

  /** Whether this key belongs to another run of the same task as {@code other}. */
  public boolean isOtherRunOf(StateKey other) {
    return taskId.equals(other.taskId) && !runId.equals(other.runId);
  }

  /** Reads a stored key; one without a run id (older state) has an empty run id. */
  public static StateKey parse(String text) {
    int separator = text.lastIndexOf(SEPARATOR);
    return separator < 0 ? new StateKey(text, "")
        : new StateKey(text.substring(0, separator), text.substring(separator + 1));
  }
}
