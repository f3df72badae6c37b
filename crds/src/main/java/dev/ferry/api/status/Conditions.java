package dev.ferry.api.status;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.StatusLimits;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.Optional;

/**
 * Sets metav1-style conditions on a status: {@code lastTransitionTime} changes only when the
 * condition's status flips, so repeated reconciles produce no-op updates.
 */
public final class Conditions {

  private Conditions() {}

  /**
   * Sets condition {@code type} to {@code value} with a reason (CamelCase) and message.
   *
   * @param observedGeneration the spec generation this was decided for (may be null)
   */
  public static void set(MigrationTaskStatus status, ConditionType type, boolean value,
      String reason, String message, Long observedGeneration, Instant now) {
    String wanted = value ? "True" : "False";
    Condition condition = find(status, type).orElseGet(() -> {
      Condition created = new Condition();
      created.setType(type.name());
      status.getConditions().add(created);
      return created;
    });
    if (!wanted.equals(condition.getStatus()) || condition.getLastTransitionTime() == null) {
      condition.setLastTransitionTime(now.toString());
    }
    condition.setStatus(wanted);
    condition.setReason(reason);
    condition.setMessage(StatusLimits.text(message));
    condition.setObservedGeneration(observedGeneration);
  }

  /** The condition of {@code type}, if present. */
  public static Optional<Condition> find(MigrationTaskStatus status, ConditionType type) {
    return status.getConditions().stream().filter(c -> type.name().equals(c.getType()))
        .findFirst();
  }

  /** Whether condition {@code type} is present and True. */
  public static boolean isTrue(MigrationTaskStatus status, ConditionType type) {
    return find(status, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }
}
