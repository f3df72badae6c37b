package dev.ferry.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * The CDC metrics of one source of a task (obtained from {@link WorkerMetrics#source}): events
 * read and applied per operation, apply batch latency, source transaction sizes, lane queue
 * depths, lag, checkpoint age and DDL applied. An applier started again in the same process
 * (a retry) reports into the same meters.
 */
public final class SourceMetrics {

  private static final double[] TRANSACTION_ROWS =
      {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10_000, 100_000};

  private final MeterRegistry registry;
  private final Tags tags;
  private final Map<Operation, Counter> read = new EnumMap<>(Operation.class);
  private final Map<Operation, Counter> applied = new EnumMap<>(Operation.class);
  private final Timer batches;
  private final DistributionSummary transactions;
  private final Counter ddl;
  private final AtomicLong lagSeconds = new AtomicLong();
  private final AtomicReference<Instant> checkpointTime = new AtomicReference<>();
  private final Map<Integer, AtomicReference<IntSupplier>> queues = new ConcurrentHashMap<>();

  SourceMetrics(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
    for (Operation operation : Operation.values()) {
      Tags withOperation = tags.and("operation", operation.label());
      read.put(operation, Counter.builder("ferry.cdc.events.read")
          .description("Binlog events read for migrated tables (rows, DDL statements)")
          .tags(withOperation).register(registry));
      applied.put(operation, Counter.builder("ferry.cdc.events.applied")
          .description("Events committed on the target (rows, DDL statements)")
          .tags(withOperation).register(registry));
    }
    batches = Timer.builder("ferry.cdc.apply.batch")
        .description("Time to write and commit one batch of a lane on the target")
        .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10))
        .tags(tags).register(registry);
    transactions = DistributionSummary.builder("ferry.cdc.transaction.rows")
        .description("Row changes per source transaction")
        .serviceLevelObjectives(TRANSACTION_ROWS).tags(tags).register(registry);
    ddl = Counter.builder("ferry.cdc.ddl.applied")
        .description("DDL statements run on the target").tags(tags).register(registry);
    Gauge.builder("ferry.cdc.lag.seconds", lagSeconds, AtomicLong::get)
        .description("Seconds from a change's source commit to its target commit")
        .tags(tags).strongReference(true).register(registry);
    Gauge.builder("ferry.cdc.checkpoint.age.seconds", checkpointTime, SourceMetrics::age)
        .description("Age of the source commit at the checkpoint: what a restart replays")
        .tags(tags).strongReference(true).register(registry);
  }

  /** A source transaction (or DDL) of {@code rows} row changes arrived from the binlog. */
  public void transactionRead(int rows) {
    transactions.record(rows);
  }

  /** {@code count} events of {@code operation} arrived from the binlog. */
  public void read(Operation operation, long count) {
    read.get(operation).increment(count);
  }

  /** {@code count} events of {@code operation} were committed on the target. */
  public void applied(Operation operation, long count) {
    applied.get(operation).increment(count);
  }

  /** A lane wrote and committed a batch in {@code elapsed}. */
  public void batchCommitted(Duration elapsed) {
    batches.record(elapsed);
  }

  /** A DDL statement ran on the target. */
  public void ddlApplied() {
    ddl.increment();
  }

  /** The lag just measured. */
  public void lag(long seconds) {
    lagSeconds.set(seconds);
  }

  /** The source commit time of the event at the checkpoint (null: none yet). */
  public void checkpoint(Instant eventTime) {
    if (eventTime != null) {
      checkpointTime.set(eventTime);
    }
  }

  /** Lane {@code lane} holds {@code depth} queued items (read at every scrape). */
  public void laneQueue(int lane, IntSupplier depth) {
    queues.computeIfAbsent(lane, index -> {
      AtomicReference<IntSupplier> current = new AtomicReference<>(depth);
      Gauge.builder("ferry.cdc.lane.queue.depth", current, q -> q.get().getAsInt())
          .description("Transactions waiting in an apply lane's queue")
          .tags(tags.and("lane", Integer.toString(index))).strongReference(true)
          .register(registry);
      return current;
    }).set(depth);
  }

  private static double age(AtomicReference<Instant> time) {
    Instant at = time.get();
    return at == null ? 0 : Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0);
  }
}
