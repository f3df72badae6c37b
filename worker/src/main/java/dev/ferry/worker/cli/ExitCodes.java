package dev.ferry.worker.cli;

import picocli.CommandLine;

/**
 * Exit codes of the {@code ferry} command line; scripts rely on them. picocli's own codes are
 * set to these ({@link #applyTo}): its usage errors exit {@link #USAGE}, an unexpected exception
 * {@link #CRASHED}, so neither collides with a documented outcome.
 */
public final class ExitCodes {

  /** The task (or the command) completed. */
  public static final int DONE = 0;
  /** Bad usage of the command line. */
  public static final int USAGE = 1;
  /** The manifest is invalid; every problem was printed. */
  public static final int INVALID_MANIFEST = 2;
  /** The precheck failed; its items were printed. */
  public static final int PRECHECK_FAILED = 3;
  /** The task failed after its retry windows (or fatally). */
  public static final int FAILED = 4;
  /** The task is suspended by spec.suspend. */
  public static final int SUSPENDED = 5;
  /** Validation found tables whose data differ; they were printed. */
  public static final int DIFFERENCES = 6;
  /** An unexpected error in ferry itself (sysexits' EX_SOFTWARE); its stack trace was printed. */
  public static final int CRASHED = 70;
  /** Interrupted (Ctrl-C); the checkpoint was saved. */
  public static final int INTERRUPTED = 130;

  static final String LIST_DONE = DONE + ":done";
  static final String LIST_USAGE = USAGE + ":bad usage of the command line";
  static final String LIST_INVALID_MANIFEST = INVALID_MANIFEST + ":invalid manifest";
  static final String LIST_PRECHECK_FAILED = PRECHECK_FAILED + ":precheck failed";
  static final String LIST_FAILED = FAILED + ":failed after the retry windows (or fatally)";
  static final String LIST_SUSPENDED = SUSPENDED + ":suspended (spec.suspend)";
  static final String LIST_DIFFERENCES = DIFFERENCES + ":validation found differences";
  static final String LIST_CRASHED = CRASHED + ":unexpected error in ferry (a bug: report it)";
  static final String LIST_INTERRUPTED = INTERRUPTED + ":interrupted, checkpoint saved";

  private ExitCodes() {}

  /**
   * {@code commandLine} with picocli's own codes replaced: a usage error (printed as picocli
   * prints it) exits {@link #USAGE}, an unexpected exception (its stack trace printed)
   * {@link #CRASHED}. Also for subcommands added later: picocli asks the root's handlers.
   */
  public static CommandLine applyTo(CommandLine commandLine) {
    CommandLine.IParameterExceptionHandler picocli = commandLine.getParameterExceptionHandler();
    return commandLine
        .setParameterExceptionHandler((problem, args) -> {
          picocli.handleParseException(problem, args);
          return USAGE;
        })
        .setExecutionExceptionHandler((crash, command, parsed) -> {
          crash.printStackTrace(command.getErr());
          return CRASHED;
        });
  }
}
