package dev.ferry.worker.status;

import dev.ferry.api.rules.CheckpointGuard;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.StatusLimits;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A status change as every sink applies it: on a copy of the current status, with every source's
 * checkpoint kept monotonic (a change that would move one backwards keeps the stored one, and
 * says so in the log) and the result trimmed to the status limits.
 */
public final class StatusChange {

  private static final Logger LOG = LoggerFactory.getLogger(StatusChange.class);

  private StatusChange() {}

  /** The status after {@code change}; {@code current} is left as it was. */
  public static MigrationTaskStatus apply(MigrationTaskStatus current,
      Consumer<MigrationTaskStatus> change) {
    MigrationTaskStatus next = Serialization.clone(current);
    change.accept(next);
    CheckpointGuard.keepMonotonic(current, next).forEach(source -> LOG.warn(
        "kept the checkpoint of source {}: the update would have moved it backwards", source));
    return StatusLimits.trim(next);
  }
}
