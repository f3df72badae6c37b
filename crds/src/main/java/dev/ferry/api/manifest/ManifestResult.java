package dev.ferry.api.manifest;

import dev.ferry.api.rules.SpecProblem;
import dev.ferry.api.v1alpha1.MigrationTask;
import java.util.List;

/**
 * The outcome of reading a manifest: the task (null when it could not be read at all), every
 * problem found, and warnings about deprecated values. A task with problems must not run; one
 * with warnings runs.
 */
public record ManifestResult(MigrationTask task, List<SpecProblem> problems,
    List<SpecProblem> warnings) {

  public ManifestResult {
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  /** A result without warnings. */
  public ManifestResult(MigrationTask task, List<SpecProblem> problems) {
    this(task, problems, List.of());
  }

  /** Whether the manifest can run: it was read and has no problem. */
  public boolean isValid() {
    return task != null && problems.isEmpty();
  }
}
