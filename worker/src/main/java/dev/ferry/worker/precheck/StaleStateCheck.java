package dev.ferry.worker.precheck;

import dev.ferry.api.v1alpha1.StaleStatePolicy;
import dev.ferry.worker.meta.MetaSchema;
import dev.ferry.worker.meta.StateRows;
import dev.ferry.worker.task.StateKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks for state of other runs of this task name on the target (a task deleted and applied
 * again, a manifest run again after its state file was removed). This run never uses it; with
 * {@code spec.onStaleState: Refuse} the precheck fails, naming each stale run (id, rows by
 * ledger, when it was last written) and how to clear it; with StartOver it warns.
 */
final class StaleStateCheck {

  private StaleStateCheck() {}

  static Finding check(Connection target, StateKey current, StaleStatePolicy policy)
      throws SQLException {
    List<String> runs = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> stored : StateRows.byKey(target).entrySet()) {
      StateKey key = StateKey.parse(stored.getKey());
      if (!key.isOtherRunOf(current)) {
        continue;
      }
      long rows = stored.getValue().values().stream().mapToLong(Long::longValue).sum();
      Optional<String> written = StateRows.lastWritten(target, stored.getKey());
      runs.add("run '" + (key.runId().isEmpty() ? "(no run id)" : key.runId()) + "' ("
          + rows + " rows in " + String.join(", ", stored.getValue().keySet())
          + written.map(at -> ", last written " + at).orElse("") + ")");
      stored.getValue().keySet().forEach(table -> deletes.add(StateRows.deleteSql(table,
          stored.getKey())));
    }
    if (runs.isEmpty()) {
      return Finding.pass("the target holds no state of another run of task "
          + current.taskId());
    }
    String found = "the target holds state of " + runs.size() + " other run(s) of task "
        + current.taskId() + " in " + MetaSchema.NAME + ": " + String.join("; ", runs);
    String clear = "remove it with ferry cleanup -f <task.yaml> --all-stale (or --run RUN_ID),"
        + " or on the target: " + String.join("; ", deletes);
    return policy == StaleStatePolicy.Refuse
        ? Finding.fail(found + "; spec.onStaleState is Refuse, so this run does not start over",
            clear + "; or set spec.onStaleState: StartOver to start over beside it")
        : Finding.warn(found + "; this run (" + current.runId() + ") ignores it and starts"
            + " over", clear);
  }
}
