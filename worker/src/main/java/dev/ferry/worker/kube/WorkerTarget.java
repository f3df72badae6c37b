package dev.ferry.worker.kube;

import dev.ferry.api.v1alpha1.Phase;

/**
 * What one worker pod runs: a phase of a task, and its share of the work.
 *
 * @param shard index of this pod among the pods sharing the phase (0 based)
 * @param shards how many pods share the phase (full load only; 1 otherwise)
 */
public record WorkerTarget(String namespace, String task, Phase phase, int shard, int shards) {

  /** A target; the shard must be within the shards. */
  public WorkerTarget {
    if (shards < 1 || shard < 0 || shard >= shards) {
      throw new IllegalArgumentException("--shard must be 0 to --shards - 1 and --shards at"
          + " least 1, was shard " + shard + " of " + shards);
    }
  }

  /** The task's stable identity, {@code namespace/name}, that keys its ledgers on the target. */
  public String taskId() {
    return namespace + "/" + task;
  }
}
