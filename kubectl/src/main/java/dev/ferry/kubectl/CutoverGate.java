package dev.ferry.kubectl;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.CutoverStatus;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;

/** One line saying where a cutover stands: phase, lag against maxLag, fence, drain. */
final class CutoverGate {

  private CutoverGate() {}

  static String describe(MigrationTask task) {
    MigrationTaskStatus status = task.getStatus() == null ? new MigrationTaskStatus()
        : task.getStatus();
    StringBuilder line = new StringBuilder("phase ").append(status.getPhase());
    if (status.getReplication() != null && status.getReplication().getLagSeconds() != null) {
      line.append(", lag ").append(status.getReplication().getLagSeconds()).append("s (maxLag ")
          .append(task.getSpec().getCutover().getMaxLag()).append(')');
    }
    CutoverStatus cutover = status.getCutover();
    if (cutover != null && cutover.getFencedAt() != null) {
      line.append(", source fenced");
    }
    if (cutover != null && cutover.getDrainedAt() != null) {
      line.append(", drained");
    }
    Conditions.find(status, ConditionType.Reconciling)
        .filter(c -> c.getMessage() != null && !c.getMessage().isEmpty())
        .ifPresent(c -> line.append(": ").append(c.getMessage()));
    return line.toString();
  }
}
