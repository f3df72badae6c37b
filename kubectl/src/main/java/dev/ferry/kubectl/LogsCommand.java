package dev.ferry.kubectl;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.WorkerStatus;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.OutputStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubectl ferry logs}: the logs of the task's current worker pod(s). */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Print the logs of the task's current worker pod(s) (status.worker.pods).")
final class LogsCommand extends TaskCommand {

  /** The container of a worker pod that runs ferry. */
  static final String CONTAINER = "worker";

  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines (one pod).")
  boolean follow;

  @Option(names = "--tail", defaultValue = "-1", paramLabel = "LINES",
      description = "Only the last LINES lines of each pod (default: all).")
  int tail;

  @Override
  int run(MigrationTask task) {
    List<String> pods = currentPods(task);
    if (pods.isEmpty()) {
      err().println("migrationtask " + namespace() + "/" + name + " has no worker pod now"
          + " (phase " + (task.getStatus() == null ? "none yet" : task.getStatus().getPhase())
          + ")");
      return PluginExitCodes.NOT_APPLICABLE;
    }
    if (follow) {
      return follow(pods.get(0));
    }
    for (String pod : pods) {
      if (pods.size() > 1) {
        out().println("==> pod " + pod + " <==");
      }
      out().print(tail < 0 ? pod(pod).getLog() : pod(pod).tailingLines(tail).getLog());
    }
    out().flush();
    return PluginExitCodes.DONE;
  }

  /** The pods status.worker names: the current attempt's. */
  static List<String> currentPods(MigrationTask task) {
    WorkerStatus worker = task.getStatus() == null ? null : task.getStatus().getWorker();
    return worker == null ? List.of() : worker.getPods();
  }

  /** Streams the pod's log until the pod's container ends (or Ctrl-C). */
  private int follow(String pod) {
    OutputStream stdout = System.out;
    try (LogWatch watch = tail < 0 ? pod(pod).watchLog(stdout)
        : pod(pod).tailingLines(tail).watchLog(stdout)) {
      Throwable problem = watch.onClose().toCompletableFuture().join();
      if (problem != null) {
        err().println("kubectl ferry: the log stream of " + pod + " broke: "
            + problem.getMessage());
        return PluginExitCodes.ERROR;
      }
    }
    return PluginExitCodes.DONE;
  }

  private ContainerResource pod(String pod) {
    return client().pods().inNamespace(namespace()).withName(pod).inContainer(CONTAINER);
  }
}
