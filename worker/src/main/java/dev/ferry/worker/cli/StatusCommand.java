package dev.ferry.worker.cli;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.worker.local.StateFile;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry status}: shows the state file of a task. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show where a locally run task stands (from its state file).")
final class StatusCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format { text, yaml, json }

  @Mixin
  TaskFileOptions options;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text (default), yaml or json.")
  Format format;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<LoadedTask> loaded = LoadedTask.load(options, spec.commandLine().getErr());
    if (loaded.isEmpty()) {
      return ExitCodes.INVALID_MANIFEST;
    }
    MigrationTaskStatus status = loaded.get().stateFile().read();
    switch (format) {
      case yaml -> out.print(StateFile.toYaml(status));
      case json -> out.println(Serialization.asJson(status));
      default -> out.print(StatusSummary.of(loaded.get().task(), status,
          loaded.get().stateFile().path()));
    }
    out.flush();
    return ExitCodes.DONE;
  }
}
