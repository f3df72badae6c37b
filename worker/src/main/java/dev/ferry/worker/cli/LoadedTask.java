package dev.ferry.worker.cli;

import dev.ferry.api.manifest.ManifestReader;
import dev.ferry.api.manifest.ManifestResult;
import dev.ferry.api.rules.SpecProblem;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.worker.local.StateFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A manifest read and validated from disk, with where its state lives. */
record LoadedTask(Path manifest, MigrationTask task, StateFile stateFile) {

  /** The task's id for ledgers: {@code namespace/name} ({@code default} without namespace). */
  String taskId() {
    String namespace = task.getMetadata().getNamespace();
    return (namespace == null ? "default" : namespace) + "/" + task.getMetadata().getName();
  }

  /** Reads the manifest; prints every problem to {@code err} and returns empty when invalid. */
  static Optional<LoadedTask> load(TaskFileOptions options, PrintWriter err) {
    String yaml;
    try {
      yaml = Files.readString(options.manifest);
    } catch (IOException e) {
      err.println("cannot read " + options.manifest + ": " + e.getMessage());
      return Optional.empty();
    }
    ManifestResult result = ManifestReader.read(yaml);
    if (!result.isValid()) {
      err.println(options.manifest + " is not a valid MigrationTask ("
          + result.problems().size() + " problem" + (result.problems().size() == 1 ? "" : "s")
          + "):");
      for (SpecProblem problem : result.problems()) {
        err.println("  - " + problem);
      }
      return Optional.empty();
    }
    for (SpecProblem warning : result.warnings()) {
      err.println("warning: " + warning);
    }
    MigrationTask task = result.task();
    Path state = options.stateFile != null ? options.stateFile
        : StateFile.besideManifest(options.manifest, task.getMetadata().getName());
    return Optional.of(new LoadedTask(options.manifest, task, new StateFile(state)));
  }
}
