package dev.ferry.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code kubectl ferry} and its subcommands, sharing one Kubernetes client. */
@Command(name = "kubectl ferry", mixinStandardHelpOptions = true,
    versionProvider = PluginVersion.class,
    description = {"See and drive Ferry MigrationTasks. Commands that change a task edit its spec"
        + " (as a GitOps user would, in Git) and print what they set; none edits the status.",
        "The namespace is -n or the kubeconfig context's."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {PluginExitCodes.DONE + ":done", PluginExitCodes.USAGE + ":bad usage",
        PluginExitCodes.ERROR + ":the API server refused or failed (no such task, no permission)",
        PluginExitCodes.NOT_APPLICABLE + ":does not apply to the task as it stands",
        PluginExitCodes.FAILED + ":cutover: the task failed",
        PluginExitCodes.TIMEOUT + ":cutover: timed out (the request stays set)"},
    subcommands = {StatusCommand.class, CutoverCommand.class, SuspendCommand.class,
        ResumeCommand.class, RetryCommand.class, LogsCommand.class, HelpCommand.class})
final class PluginCommand implements AutoCloseable {

  private final Supplier<KubernetesClient> clients;
  private KubernetesClient client;

  /** The command on the kubeconfig's cluster (as picocli's completion generator makes it). */
  PluginCommand() {
    this(() -> new KubernetesClientBuilder().build());
  }

  PluginCommand(Supplier<KubernetesClient> clients) {
    this.clients = clients;
  }

  /** The client, created on first use. */
  KubernetesClient client() {
    if (client == null) {
      client = clients.get();
    }
    return client;
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
