package dev.ferry.examples.quickstart;

import dev.ferry.logging.FerryLogging;
import dev.ferry.logging.LogFormat;
import dev.ferry.worker.cli.FerryCli;
import picocli.CommandLine;

/**
 * Entry point of {@code java -jar ferry-quickstart.jar}: the {@code ferry} command line with one
 * more subcommand, {@code quickstart}. Logging is set up as for {@code ferry} (ferry-logging).
 */
public final class QuickstartCli {

  private QuickstartCli() {}

  public static void main(String[] args) {
    FerryLogging.configure(System.getenv(), LogFormat.TEXT);
    System.exit(commandLine().execute(args));
  }

  /** {@code ferry} with {@code quickstart}, for tests to execute in-process. */
  public static CommandLine commandLine() {
    return FerryCli.commandLine().addSubcommand(new QuickstartCommand());
  }
}
