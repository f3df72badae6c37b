package dev.ferry.kubectl;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.Phase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;

/** {@code kubectl ferry retry}: makes a Failed task try again, through spec.retry.request. */
@Command(name = "retry", mixinStandardHelpOptions = true,
    description = {"Make a Failed task try again from its checkpoint, with fresh retry windows:"
        + " sets spec.retry.request to the current time (in Git, change that field to any new"
        + " value). A task that has not failed is left alone."})
final class RetryCommand extends TaskCommand {

  @Override
  int run(MigrationTask task) {
    Phase phase = task.getStatus() == null ? null : task.getStatus().getPhase();
    if (phase != Phase.Failed) {
      err().println("migrationtask " + namespace() + "/" + name + " has not failed (phase "
          + (phase == null ? "none yet" : phase) + "): nothing to retry, nothing set");
      return PluginExitCodes.NOT_APPLICABLE;
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    setSpec("retry.request", "\"" + now + "\"");
    out().println("the operator resumes the task from its checkpoint; follow it with"
        + " kubectl ferry status " + name + " -n " + namespace());
    return PluginExitCodes.DONE;
  }
}
