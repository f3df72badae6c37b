package dev.ferry.api.v1alpha1;

/** Where the reverse stream (new target back to the old source) stands. */
public enum ReverseState {
  /** Replicating the new target's changes into the old source. */
  Streaming,
  /** Stopped after spec.cutover.reverse was set to false; the final checkpoint is recorded. */
  Stopped
}
