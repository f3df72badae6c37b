package dev.ferry.worker.cli;

import dev.ferry.api.status.CutoverAdvice;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.engine.Sleeper;
import dev.ferry.worker.engine.TaskRunner;
import dev.ferry.worker.local.LocalStatusSink;
import dev.ferry.worker.status.CutoverRequestingSink;
import dev.ferry.worker.status.StatusSink;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry run}: runs a task's phases in this process with the operator's phase plan and
 * retry windows; re-running the same command resumes from the state file's checkpoint.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a MigrationTask without Kubernetes.",
        "Re-run the same command after a crash or Ctrl-C to resume from the checkpoint."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", ExitCodes.LIST_USAGE, "2:invalid manifest", "3:precheck failed",
        "4:failed after the retry windows", "5:suspended (spec.suspend)",
        ExitCodes.LIST_CRASHED, "130:interrupted, checkpoint saved"})
final class RunCommand extends LocalTaskCommand {

  private static final long STOP_GRACE_SECONDS = 60;

  @Option(names = "--cutover-when-caught-up",
      description = "Modes Incremental and All: cut over (stop replicating and complete) as"
          + " soon as the target has caught up, as if spec.cutover.requested were true.")
  boolean cutoverWhenCaughtUp;

  @Mixin
  MetricsOption metrics;

  @Override
  int run(LocalTask opened, PrintWriter out, PrintWriter err) throws InterruptedException {
    LoadedTask task = opened.loaded();
    LocalStatusSink local = opened.sink();
    StatusSink sink = cutoverWhenCaughtUp ? new CutoverRequestingSink(local) : local;
    CountDownLatch finished = new CountDownLatch(1);
    Thread worker = Thread.currentThread();
    Thread stopper = new Thread(() -> stop(worker, finished), "ferry-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try (MetricsOption served = metrics) {
      TaskRunner runner = new TaskRunner(task.task(),
          opened.context(sink, served.start(task.taskId())), new EnginePhases(),
          Clock.systemUTC(), Sleeper.THREAD);
      TaskRunner.Outcome outcome;
      try (ProgressDisplay progress = new ProgressDisplay(sink, System.console() != null,
          System.out)) {
        progress.start();
        outcome = runner.run();
      }
      if (outcome != TaskRunner.Outcome.INTERRUPTED) {
        Runtime.getRuntime().removeShutdownHook(stopper);
      }
      return report(outcome, task, out, err);
    } finally {
      finished.countDown();
    }
  }

  /**
   * On Ctrl-C (SIGINT) or SIGTERM: interrupts the run, which stops after its checkpoint, and
   * lets the JVM exit (130 after SIGINT) once the run has reported.
   */
  private static void stop(Thread worker, CountDownLatch finished) {
    worker.interrupt();
    try {
      finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int report(TaskRunner.Outcome outcome, LoadedTask task, PrintWriter out,
      PrintWriter err) {
    String state = "state: " + task.stateFile().path();
    switch (outcome) {
      case COMPLETED -> {
        out.println("Task " + task.task().getMetadata().getName() + " completed (" + state
            + ")");
        if (CutoverAdvice.applies(task.stateFile().read())) {
          out.println("Next: " + CutoverAdvice.REVOKE_TARGET_WRITES + ".");
        }
      }
      case SUSPENDED -> out.println("Task is suspended (spec.suspend: true); set it to false"
          + " and run again to resume (" + state + ")");
      case INTERRUPTED -> err.println("Interrupted; checkpoint saved. Run the same command to"
          + " resume (" + state + ")");
      case PRECHECK_FAILED -> err.print(PrecheckCommand.describeFailures(task.stateFile().read()));
      case FAILED -> err.println("Task failed: " + StatusSummary.of(task.task(),
          task.stateFile().read(), task.stateFile().path()));
      default -> throw new IllegalStateException("outcome " + outcome);
    }
    out.flush();
    err.flush();
    return switch (outcome) {
      case COMPLETED -> ExitCodes.DONE;
      case SUSPENDED -> ExitCodes.SUSPENDED;
      case INTERRUPTED -> ExitCodes.INTERRUPTED;
      case PRECHECK_FAILED -> ExitCodes.PRECHECK_FAILED;
      case FAILED -> ExitCodes.FAILED;
    };
  }
}
