package dev.ferry.api.rules;

/**
 * One problem in a MigrationTask spec: where it is, the offending value, what is wrong and how
 * to fix it. Rendered as {@code spec.retry.otherWindow: 30m must be shorter than connectionWindow
 * 20m. Fix: ...}.
 *
 * @param path field path, e.g. {@code spec.sources[1].port}
 * @param value the offending value as written (may be null when the field is missing)
 * @param problem what is wrong, phrased to follow the path
 * @param fix how to fix it
 */
public record SpecProblem(String path, String value, String problem, String fix) {

  @Override
  public String toString() {
    return path + ": " + problem + ". Fix: " + fix;
  }
}
