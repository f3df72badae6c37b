package dev.ferry.api.rules;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import java.util.List;

/**
 * Validates a MigrationTask spec and returns every problem at once, each with its field path,
 * the offending value and how to fix it. An empty list means the spec can run.
 */
public final class SpecValidator {

  private SpecValidator() {}

  /** Every problem of {@code spec}; empty when it is valid. */
  public static List<SpecProblem> validate(MigrationTaskSpec spec) {
    Problems problems = new Problems();
    if (spec == null) {
      problems.missing("spec", "give the task a spec with mode, sources and target");
      return problems.list();
    }
    if (spec.getMode() == null) {
      problems.missing("spec.mode", "set mode to Full, Incremental or All");
    }
    EndpointRules.check(spec, problems);
    ObjectRules.check(spec.getObjects(), problems);
    TuningRules.check(spec, problems);
    DdlOverrideRules.check(spec, problems);
    WorkerRules.check(spec.getWorker(), problems);
    return problems.list();
  }
}
