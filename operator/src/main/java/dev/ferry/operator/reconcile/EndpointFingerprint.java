package dev.ferry.operator.reconcile;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which databases a task moves data between: the source names and addresses and the target
 * address. The operator remembers it in an annotation of the task once data starts moving;
 * a spec edit that changes it afterwards is refused (the target would mix two sources).
 */
public final class EndpointFingerprint {

  /** Annotation of the task holding the fingerprint it runs with. */
  public static final String ANNOTATION = "ferry.dev/endpoints";

  private EndpointFingerprint() {}

  /** The fingerprint of {@code spec}. */
  public static String of(MigrationTaskSpec spec) {
    String sources = spec.getSources().stream()
        .map(source -> source.getName() + "=" + source.getHost() + ":" + source.getPort())
        .collect(Collectors.joining(","));
    String target = spec.getTarget() == null ? "none"
        : spec.getTarget().getHost() + ":" + spec.getTarget().getPort();
    return "sources=" + sources + ";target=" + target;
  }

  /** The fingerprint remembered on {@code task}, if any. */
  public static Optional<String> remembered(MigrationTask task) {
    Map<String, String> annotations = task.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(ANNOTATION));
  }
}
