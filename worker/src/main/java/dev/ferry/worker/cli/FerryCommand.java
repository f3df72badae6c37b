package dev.ferry.worker.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The {@code ferry} command and its subcommands. */
@Command(name = "ferry", mixinStandardHelpOptions = true,
    versionProvider = FerryVersion.class,
    description = "Ferry moves a live MySQL-compatible database to another one with minimal"
        + " downtime. These commands run a MigrationTask manifest without Kubernetes.",
    subcommands = {RunCommand.class, PrecheckCommand.class, ValidateCommand.class,
        StatusCommand.class, HelpCommand.class})
final class FerryCommand {
}
