package dev.ferry.worker.engine;

import dev.ferry.worker.cdc.read.SchemaHistory;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.meta.StateRows;
import dev.ferry.worker.task.StateKey;
import dev.ferry.worker.task.TaskContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs whose state lies on a task's target, and their removal: what {@code ferry cleanup}
 * does, and what a finalizer that removes a deleted task's state can call. A run never uses the
 * state of another run of the same task name ({@link TaskContext#stateKey()}); this class finds
 * such stale state and says how to clear it.
 */
public final class RunStates {

  private static final Logger LOG = LoggerFactory.getLogger(RunStates.class);

  private RunStates() {}

  /** Every run with state on the target, of every task. */
  public static List<StoredRun> list(Connection target) throws SQLException {
    return StateRows.byKey(target).entrySet().stream()
        .map(entry -> new StoredRun(StateKey.parse(entry.getKey()), Map.copyOf(entry.getValue())))
        .toList();
  }

  /** The runs of {@code taskId} on the target other than {@code runId}. */
  public static List<StoredRun> stale(Connection target, String taskId, String runId)
      throws SQLException {
    StateKey current = new StateKey(taskId, runId);
    return list(target).stream().filter(run -> run.key().isOtherRunOf(current)).toList();
  }

  /**
   * Removes all state of {@code run}: its rows in one transaction, after the schema-history
   * scratch databases its streams left (a killed worker).
   *
   * @return rows removed
   */
  public static long remove(Connection target, StoredRun run) throws SQLException {
    SchemaHistory.dropLeftovers(target, run.key().text());
    return StateRows.remove(target, run.key().text(), run.rows().keySet());
  }

  /** The statement that removes a run's rows from {@code table}, with the key in place. */
  public static String removalSql(String table, StateKey key) {
    return StateRows.deleteSql(table, key.text());
  }

  /**
   * Logs and reports (progress line) state of other runs of this task on the target: this run
   * ignores it and starts with its own, and {@code ferry cleanup} removes it. A target that
   * cannot be read now is left to the phase to report.
   */
  static void warnAboutStale(TaskContext context) {
    List<StoredRun> stale;
    try (Connection target = Database.connectOnce(context.target())) {
      stale = stale(target, context.taskId(), context.runId());
    } catch (SQLException | RuntimeException e) {
      LOG.debug("could not look for stale state on the target: {}", e.getMessage());
      return;
    }
    for (StoredRun run : stale) {
      String message = "the target holds stale state of run '" + run.key().runId() + "' of task "
          + context.taskId() + " (" + run.total() + " rows in " + run.rows().keySet()
          + "); this run (" + context.runId() + ") ignores it and starts with its own; remove it"
          + " with: ferry cleanup -f <task.yaml> --all-stale";
      LOG.warn(message);
      context.sink().update(status -> status.setProgress(message));
    }
  }
}
