package dev.ferry.api.rules;

import dev.ferry.api.v1alpha1.GtidUsage;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.SourceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Values a spec may still hold but should no longer be written: each one runs as its current
 * spelling and is reported as a warning (by {@code ferry run} and as an operator event), with
 * the spelling to use instead.
 */
public final class Deprecations {

  private Deprecations() {}

  /** Every deprecated value in {@code spec}; empty when there is none. */
  public static List<SpecProblem> of(MigrationTaskSpec spec) {
    List<SpecProblem> found = new ArrayList<>();
    if (spec == null) {
      return found;
    }
    for (int i = 0; i < spec.getSources().size(); i++) {
      SourceSpec source = spec.getSources().get(i);
      Object written = source == null ? null : source.getGtidWritten();
      if (written != null && GtidUsage.isDeprecated(written)) {
        GtidUsage usage = GtidUsage.of(written).orElseThrow();
        found.add(new SpecProblem("spec.sources[" + i + "].gtid", String.valueOf(written),
            "is deprecated (YAML reads an unquoted On or Off as a boolean); it runs as "
                + usage, "write gtid: " + usage));
      }
    }
    return found;
  }
}
