package dev.ferry.worker.cli;

import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.worker.kube.PhaseRun;
import dev.ferry.worker.kube.WorkerEnvironment;
import dev.ferry.worker.kube.WorkerTarget;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry worker}: runs one phase of a MigrationTask inside a worker pod the operator
 * created. Exit 0 when the phase is done; otherwise the termination message says why.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Run one phase of a MigrationTask in a worker pod (started by the Ferry"
        + " operator, which passes these options and the Secrets as environment variables).")
public final class WorkerCommand implements Callable<Integer> {

  @Option(names = "--namespace", required = true, description = "Namespace of the task.")
  String namespace;

  @Option(names = "--task", required = true, description = "Name of the MigrationTask.")
  String task;

  @Option(names = "--phase", required = true,
      description = "Phase to run: ${COMPLETION-CANDIDATES}.")
  Phase phase;

  @Option(names = "--shard", defaultValue = "0",
      description = "Index of this pod among the pods sharing the phase (default 0).")
  int shard;

  @Option(names = "--shards", defaultValue = "1",
      description = "Pods sharing the phase (default 1).")
  int shards;

  @Option(names = "--termination-log", defaultValue = "/dev/termination-log",
      description = "Where the failure message goes (default /dev/termination-log).")
  Path terminationLog;

  @Mixin
  MetricsOption metrics;

  private final Supplier<WorkerEnvironment> environment;

  /** The command as a pod runs it: in-cluster client, Secrets from the environment. */
  public WorkerCommand() {
    this(() -> WorkerEnvironment.inPod(System.getenv()));
  }

  /** The command with another environment (tests run workers in-process). */
  public WorkerCommand(Supplier<WorkerEnvironment> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    WorkerTarget target = new WorkerTarget(namespace, task, phase, shard, shards);
    PhaseRun.Outcome outcome;
    try (MetricsOption served = metrics) {
      outcome = new PhaseRun(environment.get(), target, terminationLog,
          served.start(target.taskId(), MetricsOption.WORKER_PORT)).run();
    }
    return switch (outcome) {
      case SUCCEEDED -> ExitCodes.DONE;
      case FAILED -> ExitCodes.FAILED;
      case STOPPED -> ExitCodes.INTERRUPTED;
    };
  }
}
