package dev.ferry.worker.validation;

/** Where a validation chunk stands, as the ledger stores it. */
enum ChunkState {
  /** Planned, not compared yet (a resumed run compares it). */
  PENDING,
  /** Equal on both sides. */
  MATCHED,
  /** Different on the two sides. */
  MISMATCHED,
  /** Was different, re-copied from the source, and equal on re-check. */
  REPAIRED,
  /**
   * Compared while replicating, but not decided: its source rows kept changing through every
   * re-check, or the apply did not pass its read position in time. Passes while replicating keep
   * no ledger, so this state is never stored.
   */
  UNSETTLED;

  /** Whether the chunk has been compared. */
  boolean done() {
    return this != PENDING;
  }
}
