package dev.ferry.worker.cli;

import dev.ferry.worker.local.FileSecretReader;
import dev.ferry.worker.local.LocalStatusSink;
import dev.ferry.worker.metrics.WorkerMetrics;
import dev.ferry.worker.status.StatusSink;
import dev.ferry.worker.task.TaskContext;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A task ready to run in this process: its valid manifest, its state file as a status sink and
 * the secrets it names, every one present.
 */
record LocalTask(LoadedTask loaded, LocalStatusSink sink, FileSecretReader secrets) {

  /**
   * Reads the manifest and checks its secrets; prints every problem to {@code err} and returns
   * empty when the manifest is invalid or a secret is missing.
   */
  static Optional<LocalTask> open(TaskFileOptions options, PrintWriter err) {
    Optional<LoadedTask> loaded = LoadedTask.load(options, err);
    if (loaded.isEmpty()) {
      return Optional.empty();
    }
    LoadedTask task = loaded.get();
    FileSecretReader secrets = new FileSecretReader(options.secretsDir);
    List<String> missing = SecretsPreflight.problems(task.task().getSpec(), secrets);
    if (!missing.isEmpty()) {
      missing.forEach(err::println);
      return Optional.empty();
    }
    LocalStatusSink sink = new LocalStatusSink(task.manifest(), task.task().getSpec(),
        task.stateFile(), Clock.systemUTC());
    return Optional.of(new LocalTask(task, sink, secrets));
  }

  /** The engine's view of the state file's run of this task, reporting to {@code statusSink}. */
  TaskContext context(StatusSink statusSink) {
    return context(statusSink, WorkerMetrics.disabled());
  }

  /** The same, with its phases reporting to {@code metrics}. */
  TaskContext context(StatusSink statusSink, WorkerMetrics metrics) {
    return new TaskContext(loaded.taskId(), loaded.stateFile().runId(), statusSink, secrets,
        metrics);
  }
}
