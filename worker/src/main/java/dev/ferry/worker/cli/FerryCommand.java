package dev.ferry.worker.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The {@code ferry} command and its subcommands. */
@Command(name = "ferry", mixinStandardHelpOptions = true,
    versionProvider = FerryVersion.class,
    description = "Ferry moves a live MySQL-compatible database to another one with minimal"
        + " downtime. run, precheck, validate, status and cleanup work on a MigrationTask manifest"
        + " without Kubernetes; worker and cleanup-worker are what the operator's pods run.",
    subcommands = {RunCommand.class, PrecheckCommand.class, ValidateCommand.class,
        StatusCommand.class, CleanupCommand.class, WorkerCommand.class,
        CleanupWorkerCommand.class, HelpCommand.class})
final class FerryCommand {
}
