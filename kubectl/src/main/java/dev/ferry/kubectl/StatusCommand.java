package dev.ferry.kubectl;

import dev.ferry.api.v1alpha1.MigrationTask;
import java.time.Instant;
import picocli.CommandLine.Command;

/** {@code kubectl ferry status}: the task on one screen. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show a task on one screen: phase, conditions, progress, worker pod, lag and"
        + " each source's checkpoint, cutover, retry window and last error.")
final class StatusCommand extends TaskCommand {

  @Override
  int run(MigrationTask task) {
    out().print(StatusView.render(task, Instant.now()));
    out().flush();
    return PluginExitCodes.DONE;
  }
}
