package dev.ferry.worker.metrics;

import dev.ferry.api.v1alpha1.FailureClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The metrics facade of one run of a task: the engine reports what it did here, at its existing
 * seams, and this class turns it into meters tagged with the task's {@code namespace} and
 * {@code task} (plus {@code source} for the CDC meters of {@link SourceMetrics}). Names follow
 * Prometheus conventions once exported: {@code ferry_fullload_copied_rows_total},
 * {@code ferry_cdc_lag_seconds}, ... (see the README's metrics table).
 */
public final class WorkerMetrics {

  private final MeterRegistry registry;
  private final Tags tags;
  private final BoundedLabel schemas = new BoundedLabel();
  private final AtomicLong chunksDone = new AtomicLong();
  private final AtomicLong chunksPlanned = new AtomicLong();
  private final AtomicLong rowsCommitted = new AtomicLong();
  private final AtomicLong rowsEstimated = new AtomicLong();
  private final Map<String, SourceMetrics> sources = new ConcurrentHashMap<>();
  private final Map<FailureClass, Counter> retries = new EnumMap<>(FailureClass.class);

  /**
   * The metrics of {@code taskId} ({@code namespace/name}) in {@code registry}.
   */
  public WorkerMetrics(MeterRegistry registry, String taskId) {
    this.registry = registry;
    int slash = taskId.indexOf('/');
    this.tags = slash < 0 ? Tags.of("namespace", "", "task", taskId)
        : Tags.of("namespace", taskId.substring(0, slash), "task", taskId.substring(slash + 1));
    for (FailureClass failureClass : FailureClass.values()) {
      retries.put(failureClass, Counter.builder("ferry.worker.retries")
          .description("Failed phase attempts the worker retries, by failure class")
          .tags(tags.and("class", failureClass.name())).register(registry));
    }
  }

  /** Metrics that go nowhere (no endpoint serves them). */
  public static WorkerMetrics disabled() {
    return new WorkerMetrics(new CompositeMeterRegistry(), "");
  }

  /** The CDC metrics of one source. */
  public SourceMetrics source(String name) {
    return sources.computeIfAbsent(name,
        source -> new SourceMetrics(registry, tags.and("source", source)));
  }

  /** A full-load chunk of a table in {@code schema} committed {@code rows} and {@code bytes}. */
  public void copied(String schema, long rows, long bytes) {
    Tags copiedTags = tags.and("schema", schemas.of(schema));
    Counter.builder("ferry.fullload.copied.rows")
        .description("Rows the full load committed on the target, by source schema")
        .tags(copiedTags).register(registry).increment(rows);
    Counter.builder("ferry.fullload.copied.bytes")
        .description("Bytes the full load committed on the target, by source schema")
        .tags(copiedTags).register(registry).increment(bytes);
  }

  /** The whole plan's figures as the chunk ledger holds them (over every shard). */
  public void fullLoadProgress(long done, long planned, long committed, long estimated) {
    chunksDone.set(done);
    chunksPlanned.set(planned);
    rowsCommitted.set(committed);
    rowsEstimated.set(estimated);
    gauge("ferry.fullload.chunks.done", chunksDone, "Chunks of the plan copied");
    gauge("ferry.fullload.chunks.planned", chunksPlanned, "Chunks the full load planned");
    gauge("ferry.fullload.rows.committed", rowsCommitted,
        "Rows of the plan committed on the target (every shard)");
    gauge("ferry.fullload.rows.estimated", rowsEstimated,
        "Rows the source's statistics estimate for the plan");
  }

  /** A failed phase attempt of {@code failureClass} will be retried. */
  public void retried(FailureClass failureClass) {
    retries.get(failureClass).increment();
  }

  /** The validation compared a chunk; {@code differing} when its checksums differ. */
  public void validated(boolean differing) {
    Counter.builder("ferry.validation.chunks.compared")
        .description("Chunks the validation compared").tags(tags).register(registry)
        .increment();
    Counter differences = Counter.builder("ferry.validation.chunks.differing")
        .description("Compared chunks whose source and target rows differ").tags(tags)
        .register(registry);
    if (differing) {
      differences.increment();
    }
  }

  private void gauge(String name, AtomicLong value, String description) {
    Gauge.builder(name, value, AtomicLong::get).description(description).tags(tags)
        .strongReference(true).register(registry);
  }
}
