package dev.ferry.api.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects {@link SpecProblem}s while the spec validators walk the spec. */
final class Problems {

  private final List<SpecProblem> found = new ArrayList<>();

  /** Records a problem; {@code problem} is phrased to follow the value, e.g. "is empty". */
  void add(String path, Object value, String problem, String fix) {
    String shown = value == null ? null : String.valueOf(value);
    String subject = shown == null ? "" : quoteIfBlank(shown) + " ";
    found.add(new SpecProblem(path, shown, subject + problem, fix));
  }

  /** Records the problem returned by a naming or syntax rule, if any. */
  void addIf(String path, Object value, Optional<String> problem, String fix) {
    problem.ifPresent(text -> add(path, value, text, fix));
  }

  /** Records a missing required field. */
  void missing(String path, String fix) {
    found.add(new SpecProblem(path, null, "is required", fix));
  }

  List<SpecProblem> list() {
    return List.copyOf(found);
  }

  private static String quoteIfBlank(String value) {
    return value.isBlank() || !value.strip().equals(value) ? "'" + value + "'" : value;
  }
}
