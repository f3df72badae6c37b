package dev.ferry.kubectl;

import dev.ferry.logging.FerryLogging;
import dev.ferry.logging.LogFormat;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Entry point of {@code kubectl ferry} ({@code bin/kubectl-ferry} on the PATH). */
public final class KubectlFerry {

  private KubectlFerry() {}

  public static void main(String[] args) {
    FerryLogging.configure(System.getenv(), LogFormat.TEXT);
    PluginCommand root = new PluginCommand();
    int code;
    try {
      code = commandLine(root).execute(args);
    } finally {
      root.close();
    }
    System.exit(code);
  }

  /** The plugin's command line on the client {@code client} gives, for tests. */
  public static CommandLine commandLine(Supplier<KubernetesClient> client) {
    return commandLine(new PluginCommand(client));
  }

  /** The command line of {@code root}: usage errors exit 1, API failures 2, with a message. */
  private static CommandLine commandLine(PluginCommand root) {
    CommandLine commandLine = new CommandLine(root);
    CommandLine.IParameterExceptionHandler picocli = commandLine.getParameterExceptionHandler();
    return commandLine
        .setParameterExceptionHandler((problem, args) -> {
          picocli.handleParseException(problem, args);
          return PluginExitCodes.USAGE;
        })
        .setExecutionExceptionHandler((crash, command, parsed) -> {
          command.getErr().println("kubectl ferry: " + crash.getMessage());
          return PluginExitCodes.ERROR;
        });
  }
}
