package dev.ferry.api.status;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;

/**
 * What to do once a cutover completed, said the same way by the operator (an event) and by
 * {@code ferry run}: revoke the worker's write privileges on the target, since a task started
 * again from an old checkpoint (a re-applied manifest, a restored state file) would replay
 * source changes over the application's new writes.
 */
public final class CutoverAdvice {

  /** The advice text. */
  public static final String REVOKE_TARGET_WRITES = "cutover complete: the application now"
      + " writes to the target, so revoke the migration user's write privileges there (REVOKE"
      + " INSERT, UPDATE, DELETE, CREATE, ALTER, DROP ON <schemas> FROM <user>); a task run"
      + " again from an old checkpoint would otherwise overwrite new writes with old changes";

  private CutoverAdvice() {}

  /** Whether {@code status} records a drained cutover, after which the advice applies. */
  public static boolean applies(MigrationTaskStatus status) {
    return status != null && status.getCutover() != null
        && status.getCutover().getDrainedAt() != null;
  }
}
