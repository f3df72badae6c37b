package dev.ferry.worker.cli;

import dev.ferry.api.retry.TerminationMessage;
import dev.ferry.worker.kube.RunCleanup;
import dev.ferry.worker.kube.WorkerEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry cleanup-worker}: removes the state of one run of a deleted MigrationTask from its
 * target, in the cleanup pod the operator starts for the task's finalizer ({@link RunCleanup}).
 * Exit 0 when the run's state is gone; otherwise the termination message says why.
 */
@Command(name = "cleanup-worker", mixinStandardHelpOptions = true,
    description = "Remove the state of one run of a deleted MigrationTask from its target (run"
        + " by the Ferry operator's cleanup pod, which passes these options and the target's"
        + " Secret as environment variables). Locally use: ferry cleanup -f task.yaml --run ID.")
public final class CleanupWorkerCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(CleanupWorkerCommand.class);

  @Option(names = "--namespace", required = true, description = "Namespace of the task.")
  String namespace;

  @Option(names = "--task", required = true, description = "Name of the MigrationTask.")
  String task;

  @Option(names = "--run", required = true, paramLabel = "UID",
      description = "The run whose state is removed: the uid of the deleted task.")
  String run;

  @Option(names = "--termination-log", defaultValue = "/dev/termination-log",
      description = "Where the failure message goes (default /dev/termination-log).")
  Path terminationLog;

  private final Supplier<WorkerEnvironment> environment;

  /** The command as a pod runs it: in-cluster client, Secrets from the environment. */
  public CleanupWorkerCommand() {
    this(() -> WorkerEnvironment.inPod(System.getenv()));
  }

  /** The command with another environment (tests run it in-process). */
  public CleanupWorkerCommand(Supplier<WorkerEnvironment> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    try {
      new RunCleanup(environment.get(), namespace, task, run).run();
      return ExitCodes.DONE;
    } catch (Exception e) {
      TerminationMessage message = TerminationMessage.of(e);
      LOG.warn("could not remove the state of run {} of {}/{} ({}): {}", run, namespace, task,
          message.failureClass(), message.message());
      try {
        Files.writeString(terminationLog, message.toJson(), StandardCharsets.UTF_8);
      } catch (IOException io) {
        LOG.warn("could not write the termination message to {}: {}", terminationLog,
            io.getMessage());
      }
      return ExitCodes.FAILED;
    }
  }
}
