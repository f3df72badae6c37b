package dev.ferry.kubectl;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.WorkerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kubectl ferry logs}: the logs of the task's current worker pod(s), or, when none runs
 * (a Failed or Completed task), of the last pod the task owns.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = {"Print the logs of the task's current worker pod(s) (status.worker.pods).",
        "When none runs (the task failed, completed or waits to retry), those of the last pod"
            + " the task owns, saying which."})
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
      Optional<Pod> last = lastPod(task);
      if (last.isEmpty()) {
        err().println("kubectl ferry: migrationtask " + namespace() + "/" + name + " has no"
            + " worker pod (phase " + phase(task) + "): none runs now and none is left; the"
            + " operator starts one when the task has work to do (kubectl ferry status " + name
            + " says why it waits)");
        return PluginExitCodes.NOT_APPLICABLE;
      }
      pods = List.of(last.get().getMetadata().getName());
      err().println("migrationtask " + namespace() + "/" + name + " has no worker pod running"
          + " now (phase " + phase(task) + "); the logs of its last pod, " + pods.get(0) + ":");
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
  private static List<String> currentPods(MigrationTask task) {
    WorkerStatus worker = task.getStatus() == null ? null : task.getStatus().getWorker();
    return worker == null ? List.of() : worker.getPods();
  }

  /**
   * The newest pod in the task's namespace that the task (this one: its uid) controls, which the
   * operator keeps after it ended: the worker of the failed attempt, or a cleanup pod.
   */
  private Optional<Pod> lastPod(MigrationTask task) {
    String uid = task.getMetadata().getUid();
    return client().pods().inNamespace(namespace()).list().getItems().stream()
        .filter(pod -> controlledBy(pod, uid))
        .max(Comparator.comparing((Pod pod) -> pod.getMetadata().getCreationTimestamp(),
                Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(pod -> pod.getMetadata().getName()));
  }

  private static boolean controlledBy(Pod pod, String uid) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    return uid != null && owners != null && owners.stream().anyMatch(owner ->
        uid.equals(owner.getUid()) && Boolean.TRUE.equals(owner.getController()));
  }

  private static String phase(MigrationTask task) {
    return task.getStatus() == null || task.getStatus().getPhase() == null ? "none yet"
        : task.getStatus().getPhase().name();
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
