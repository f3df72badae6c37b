package dev.ferry.worker.cli;

import dev.ferry.logging.FerryLogging;
import dev.ferry.logging.LogFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code ferry} command and its subcommands. */
@Command(name = "ferry", mixinStandardHelpOptions = true,
    versionProvider = FerryVersion.class,
    description = "Ferry moves a live MySQL-compatible database to another one with minimal"
        + " downtime. run, precheck, validate, status and cleanup work on a MigrationTask manifest"
        + " without Kubernetes; worker and cleanup-worker are what the operator's pods run.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {ExitCodes.LIST_DONE, ExitCodes.LIST_USAGE, ExitCodes.LIST_INVALID_MANIFEST,
        ExitCodes.LIST_PRECHECK_FAILED, ExitCodes.LIST_FAILED, ExitCodes.LIST_SUSPENDED,
        ExitCodes.LIST_DIFFERENCES, ExitCodes.LIST_CRASHED, ExitCodes.LIST_INTERRUPTED},
    subcommands = {RunCommand.class, PrecheckCommand.class, ValidateCommand.class,
        StatusCommand.class, CleanupCommand.class, WorkerCommand.class,
        CleanupWorkerCommand.class, HelpCommand.class})
final class FerryCommand {

  @Option(names = "--log-format", scope = ScopeType.INHERIT, paramLabel = "text|json",
      description = "Log lines as text (default) or one JSON object per line (the default in"
          + " worker pods). Also FERRY_LOG_FORMAT; FERRY_LOG_LEVEL sets the level.")
  void logFormat(LogFormat format) {
    FerryLogging.configure(format);
  }
}
