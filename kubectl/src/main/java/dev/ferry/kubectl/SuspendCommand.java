package dev.ferry.kubectl;

import dev.ferry.api.v1alpha1.MigrationTask;
import picocli.CommandLine.Command;

/** {@code kubectl ferry suspend}: sets spec.suspend to true. */
@Command(name = "suspend", mixinStandardHelpOptions = true,
    description = "Suspend a task: sets spec.suspend to true. The running worker stops after its"
        + " checkpoint and no new one starts until resume.")
final class SuspendCommand extends TaskCommand {

  @Override
  int run(MigrationTask task) {
    setSpec("suspend", "true");
    return PluginExitCodes.DONE;
  }
}
