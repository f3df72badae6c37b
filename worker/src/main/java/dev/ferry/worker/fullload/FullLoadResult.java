package dev.ferry.worker.fullload;

import java.util.List;

/**
 * What one run of the full load did.
 *
 * @param chunksCopied chunks this run copied (its shard's share)
 * @param rowsCopied rows this run committed
 * @param bytesCopied bytes this run committed
 * @param complete whether every chunk of the whole plan (all shards) is done
 * @param keylessTables source tables copied as one stream because they have no usable key
 */
public record FullLoadResult(long chunksCopied, long rowsCopied, long bytesCopied,
    boolean complete, List<String> keylessTables) {

  public FullLoadResult {
    keylessTables = List.copyOf(keylessTables);
  }
}
