package dev.ferry.worker.cdc.memory;

/**
 * How much heap the change stream of one source may hold, derived from the JVM's maximum heap
 * (in a pod, the memory limit sets it through {@code -XX:MaxRAMPercentage}). Sizes are the
 * estimated heap bytes of row images ({@code RowChange#heapBytes()}), not transaction counts,
 * so no transaction and no row size can exceed them: a transaction larger than
 * {@link #largeTransactionBytes()} is spilled to a local file by the reader and applied in
 * chunks of {@link #chunkBytes()}. The system property {@value #LARGE_TRANSACTION_PROPERTY}
 * (bytes) sets that size instead (e.g. {@code FERRY_OPTS=-Dferry.largeTransactionBytes=...}).
 *
 * @param readerQueueBytes transactions read and waiting for the applier
 * @param laneQueueBytes transactions waiting in each apply lane
 * @param largeTransactionBytes above this a transaction's rows are spilled to disk
 */
public record MemoryBudget(long readerQueueBytes, long laneQueueBytes,
    long largeTransactionBytes) {

  /** Share of the heap for the reader's queue. */
  private static final int READER_QUEUE_SHARE = 8;
  /** Share of the heap for all lane queues together. */
  private static final int LANE_QUEUES_SHARE = 8;
  /**
   * Share of the heap one in-memory transaction may take: it exists up to three times at once
   * (decoded, mapped to the target, as writes) while it is dispatched.
   */
  private static final int TRANSACTION_SHARE = 32;
  private static final long MIN_BYTES = 64L << 10;
  /** Chunks of a spilled transaction held at once while it is written back. */
  private static final int CHUNKS_HELD = 4;
  /** Sets {@link #largeTransactionBytes()} of {@link #ofThisJvm}, in bytes. */
  public static final String LARGE_TRANSACTION_PROPERTY = "ferry.largeTransactionBytes";

  public MemoryBudget {
    if (readerQueueBytes < 1 || laneQueueBytes < 1 || largeTransactionBytes < 1) {
      throw new IllegalArgumentException("memory bounds must be positive");
    }
  }

  /**
   * The budget of one of {@code streams} change streams that share this JVM's heap
   * ({@link Runtime#maxMemory()}), with {@code lanes} apply lanes.
   */
  public static MemoryBudget ofThisJvm(int streams, int lanes) {
    MemoryBudget budget = of(Runtime.getRuntime().maxMemory() / Math.max(1, streams), lanes);
    Long large = Long.getLong(LARGE_TRANSACTION_PROPERTY);
    return large == null ? budget
        : new MemoryBudget(budget.readerQueueBytes(), budget.laneQueueBytes(), large);
  }

  /** The budget for a heap of {@code maxHeapBytes} and {@code lanes} apply lanes. */
  public static MemoryBudget of(long maxHeapBytes, int lanes) {
    return new MemoryBudget(Math.max(MIN_BYTES, maxHeapBytes / READER_QUEUE_SHARE),
        Math.max(MIN_BYTES, maxHeapBytes / LANE_QUEUES_SHARE / Math.max(1, lanes)),
        Math.max(MIN_BYTES, maxHeapBytes / TRANSACTION_SHARE));
  }

  /**
   * How much of a spilled transaction is read back and written at a time: a quarter of
   * {@link #largeTransactionBytes()}, since up to four chunks are held at once (one read, two
   * waiting, one written), together what one in-memory transaction may take.
   */
  public long chunkBytes() {
    return Math.max(1, largeTransactionBytes / CHUNKS_HELD);
  }
}
