package dev.ferry.worker.cli;

import dev.ferry.logging.FerryLogging;
import dev.ferry.logging.LogFormat;
import picocli.CommandLine;

/** Entry point of the {@code ferry} command ({@code bin/ferry}, {@code java -jar ferry.jar}). */
public final class FerryCli {

  private FerryCli() {}

  public static void main(String[] args) {
    try {
      FerryLogging.configure(System.getenv(), defaultLogFormat(args));
    } catch (IllegalArgumentException e) {
      System.err.println("ferry: " + FerryLogging.FORMAT_VARIABLE + ": " + e.getMessage());
      System.exit(ExitCodes.USAGE);
    }
    System.exit(commandLine().execute(args));
  }

  /**
   * JSON for {@code ferry worker}, which runs only in worker pods (where collectors read the
   * lines), text otherwise; {@code FERRY_LOG_FORMAT} or {@code --log-format} choose another.
   */
  static LogFormat defaultLogFormat(String[] args) {
    return args.length > 0 && "worker".equals(args[0]) ? LogFormat.JSON : LogFormat.TEXT;
  }

  /** The command line, for tests to execute in-process. */
  public static CommandLine commandLine() {
    return ExitCodes.applyTo(new CommandLine(new FerryCommand())
        .setCaseInsensitiveEnumValuesAllowed(true));
  }
}
