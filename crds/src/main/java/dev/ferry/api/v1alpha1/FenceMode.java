package dev.ferry.api.v1alpha1;

/** How the source is protected from writes during cutover. */
public enum FenceMode {
  /** No fence: the application must stop writing itself. */
  None,
  /** Set the source read-only (or block writes on the migrated schemas when the account cannot) until cutover completes. */
  ReadOnly
}
