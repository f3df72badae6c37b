package dev.ferry.api.v1alpha1;

/** How a cutover fenced the source. */
public enum FenceMethod {
  /** {@code SET GLOBAL read_only = ON}: accounts without SUPER / CONNECTION_ADMIN can no longer write. */
  ReadOnly,
  /**
   * The source account may not set read_only: every migrated table got BEFORE INSERT, UPDATE and
   * DELETE triggers named {@code ferry_fence_*} that fail writes, for every account.
   */
  WriteBlockingTriggers
}
