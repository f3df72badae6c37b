package dev.ferry.api.manifest;

import dev.ferry.api.rules.SpecProblem;
import dev.ferry.api.v1alpha1.MigrationTask;
import java.util.List;

/**
 * The outcome of reading a manifest: the task (null when it could not be read at all) and every
 * problem found. A task with problems must not run.
 */
public record ManifestResult(MigrationTask task, List<SpecProblem> problems) {

  public ManifestResult {
    problems = List.copyOf(problems);
  }

  /** Whether the manifest can run: it was read and has no problem. */
  public boolean isValid() {
    return task != null && problems.isEmpty();
  }
}
