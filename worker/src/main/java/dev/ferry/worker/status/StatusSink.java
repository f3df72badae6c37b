package dev.ferry.worker.status;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import java.util.function.Consumer;

/**
 * Where the engine reports progress and checkpoints, and reads the current spec (limits such as
 * throttles may change while a phase runs). The operator backs it with the MigrationTask status,
 * the CLI with a state file, tests with memory. The engine only changes its own parts of the
 * status: precheck, fullLoad, checkpoints, replication, validation, cutover, progress.
 */
public interface StatusSink {

  /** The latest spec; re-read it for settings that may change while running. */
  MigrationTaskSpec spec();

  /** A copy of the status as last stored (the checkpoints to resume from). */
  MigrationTaskStatus status();

  /**
   * Applies {@code change} to the stored status and persists it. Implementations keep
   * checkpoints monotonic and apply {@link dev.ferry.api.v1alpha1.StatusLimits}.
   */
  void update(Consumer<MigrationTaskStatus> change);
}
