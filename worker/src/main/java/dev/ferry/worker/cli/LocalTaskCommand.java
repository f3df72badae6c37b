package dev.ferry.worker.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on one task given by its manifest ({@code -f}): it opens the task
 * ({@link LocalTask}) and runs only when the manifest is valid and every secret it names is there.
 */
abstract class LocalTaskCommand implements Callable<Integer> {

  @Mixin
  TaskFileOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Optional<LocalTask> opened = LocalTask.open(options, err);
    if (opened.isEmpty()) {
      return ExitCodes.INVALID_MANIFEST;
    }
    return run(opened.get(), spec.commandLine().getOut(), err);
  }

  /** Runs the command on the opened task and returns its exit code. */
  abstract int run(LocalTask task, PrintWriter out, PrintWriter err) throws Exception;
}
