package dev.ferry.kubectl;

import dev.ferry.api.v1alpha1.MigrationTask;
import picocli.CommandLine.Command;

/** {@code kubectl ferry resume}: sets spec.suspend to false. */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "Resume a suspended task: sets spec.suspend to false. It carries on from its"
        + " checkpoint.")
final class ResumeCommand extends TaskCommand {

  @Override
  int run(MigrationTask task) {
    setSpec("suspend", "false");
    return PluginExitCodes.DONE;
  }
}
