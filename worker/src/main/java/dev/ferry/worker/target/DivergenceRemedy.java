package dev.ferry.worker.target;

/**
 * What a user does about a target table that no longer equals the source (a row written,
 * changed or deleted on the target, a trigger there, keys the target's collation folds
 * together): the one remedy that the apply's conflicts and the validation's differences name.
 */
public final class DivergenceRemedy {

  private DivergenceRemedy() {}

  /** The remedy for target table {@code table} (as the message names it). */
  public static String of(String table) {
    return "Re-sync " + table + " (repair it so that it equals the source: validation.repair"
        + " with validation.when AtCutover re-copies the differing chunks, or copy the table"
        + " again), or declare a conflict policy for it (Overwrite or Skip, in"
        + " spec.incremental.onConflict or the onConflict of its spec.objects.rules entry).";
  }
}
