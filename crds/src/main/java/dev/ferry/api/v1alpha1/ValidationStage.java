package dev.ferry.api.v1alpha1;

/** When validation runs. */
public enum ValidationStage {
  /** After the full load (mode Full); in mode All, one pass inside the Incremental phase once it has caught up. */
  AfterFullLoad,
  /** Continuously while replicating. */
  Continuous,
  /** After the final drain at cutover (modes Incremental and All). */
  AtCutover
}
