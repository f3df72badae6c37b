package dev.ferry.worker.cli;

import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.Endpoint;
import dev.ferry.worker.engine.RunStates;
import dev.ferry.worker.engine.SourceState;
import dev.ferry.worker.engine.StoredRun;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry cleanup}: lists the state Ferry keeps on a task's target (the ledgers of the meta
 * schema) by task name and run id, marks this task's current run (from the state file) and its
 * stale ones, and removes stale runs ({@code --all-stale}) or one named run ({@code --run});
 * then lists what Ferry left on the sources (fence triggers, heartbeat table), which it keeps.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
    description = {"List the state Ferry keeps on the target (meta schema ledgers) by task and"
        + " run, and remove the state of stale runs of this task.",
        "The current run is the one in the state file; every other run of the same task name"
        + " is stale (a task re-created or started again from nothing)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed (and removed what was asked)", "1:usage (the current run named)",
        "2:invalid manifest"})
final class CleanupCommand extends LocalTaskCommand {

  @Option(names = "--all-stale", description = "Remove the state of every stale run of this task.")
  boolean allStale;

  @Option(names = "--run", paramLabel = "RUN_ID",
      description = "Remove the state of this run of this task (not the current one).")
  String run;

  @Option(names = "--dry-run", description = "Show what would be removed; remove nothing.")
  boolean dryRun;

  @Override
  int run(LocalTask task, PrintWriter out, PrintWriter err) throws Exception {
    String taskId = task.loaded().taskId();
    Optional<String> current = task.loaded().stateFile().storedRunId();
    if (run != null && current.isPresent() && run.equals(current.get())) {
      err.println("run " + run + " is the current run of " + taskId + " (its state file "
          + task.loaded().stateFile().path() + "); delete the state file first to retire it");
      err.flush();
      return ExitCodes.USAGE;
    }
    Endpoint target = Endpoint.of("target", task.loaded().task().getSpec().getTarget(),
        task.secrets());
    try (Connection connection = Database.connectOnce(target)) {
      List<StoredRun> runs = RunStates.list(connection);
      out.println("Ferry state on target " + target.address() + " (current run of " + taskId
          + ": " + current.orElse("none, no state file") + "):");
      List<StoredRun> removals = new ArrayList<>();
      for (StoredRun stored : runs) {
        String mark = mark(stored, taskId, current);
        out.printf("  %-40s %-38s %8d rows  %s%n", stored.key().taskId(),
            stored.key().runId().isEmpty() ? "(no run id)" : stored.key().runId(),
            stored.total(), mark);
        if (mark.equals("stale") && (allStale || stored.key().runId().equals(run))) {
          removals.add(stored);
        }
      }
      if (runs.isEmpty()) {
        out.println("  (none)");
      }
      long removed = 0;
      for (StoredRun stale : removals) {
        out.println((dryRun ? "Would remove" : "Removing") + " run '" + stale.key().runId()
            + "' of " + taskId + " (" + stale.total() + " rows), in one transaction:");
        for (String table : stale.rows().keySet()) {
          out.println("  " + RunStates.removalSql(table, stale.key()) + ";");
        }
        if (!dryRun) {
          removed += RunStates.remove(connection, stale);
        }
      }
      out.println(summary(removals, removed));
    }
    SourceState.describe(task.loaded().task().getSpec(), task.secrets())
        .forEach(line -> out.println("  " + line));
    out.flush();
    return ExitCodes.DONE;
  }

  private static String mark(StoredRun stored, String taskId, Optional<String> current) {
    if (!stored.key().taskId().equals(taskId)) {
      return "other task";
    }
    return current.isPresent() && current.get().equals(stored.key().runId()) ? "current"
        : "stale";
  }

  private String summary(List<StoredRun> removals, long removed) {
    if (removals.isEmpty()) {
      return allStale || run != null ? "Nothing to remove." : "Nothing removed (use --all-stale"
          + " or --run RUN_ID to remove stale state).";
    }
    return dryRun ? "Dry run: nothing removed; " + removals.size() + " run(s) would be removed."
        : "Removed " + removed + " rows of " + removals.size() + " stale run(s); the current"
            + " run and other tasks are untouched.";
  }
}
